package io.invertavatar.it;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Test inputs made on the spot: videos through the FFmpeg encoder, hand-built PNG headers. */
final class TestMedia {

    private TestMedia() {
    }

    static byte[] astronautPng() throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty("invertavatar.media.dir", "src/test/resources/tracking"),
                "astronaut.png"));
    }

    static byte[] astronautJpeg() throws IOException {
        BufferedImage src = ImageIO.read(new java.io.ByteArrayInputStream(astronautPng()));
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(src, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(rgb, "jpeg", out);
        return out.toByteArray();
    }

    /** Frame i is filled with {@link #colorOf(int)} and has a white 8×8 marker in its top-left corner. */
    static byte[] video(int width, int height, int frames, int fps, int rotation) throws Exception {
        Path out = Files.createTempFile("it-video-", ".mp4");
        try {
            Java2DFrameConverter conv = new Java2DFrameConverter();
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), width, height, 0)) {
                r.setFormat("mp4");
                r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                r.setFrameRate(fps);
                r.setVideoQuality(2);
                if (rotation != 0) {
                    r.setDisplayRotation(rotation);
                }
                r.start();
                for (int i = 0; i < frames; i++) {
                    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                    var g = img.createGraphics();
                    g.setColor(colorOf(i));
                    g.fillRect(0, 0, width, height);
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, 8, 8);
                    g.dispose();
                    r.record(conv.convert(img));
                }
                r.stop();
            }
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Color colorOf(int i) {
        return new Color((i * 37) % 200 + 30, (i * 91) % 200 + 30, (i * 53) % 200 + 30);
    }

    /** A real PNG signature and IHDR chunk declaring {@code w × h}, followed by nothing else. */
    static byte[] pngHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 17 + 4 + 64);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        b.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return b.array();
    }

    /** An MP4 with one AAC audio stream and no video. */
    static byte[] audioOnlyMp4() throws Exception {
        Path out = Files.createTempFile("it-audio-", ".mp4");
        try {
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), 1)) {
                r.setFormat("mp4");
                r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                r.setSampleRate(44100);
                r.setAudioChannels(1);
                r.start();
                short[] samples = new short[44100];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = (short) (Math.sin(i * 2 * Math.PI * 440 / 44100) * 8000);
                }
                r.recordSamples(44100, 1, java.nio.ShortBuffer.wrap(samples));
                r.stop();
            }
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
