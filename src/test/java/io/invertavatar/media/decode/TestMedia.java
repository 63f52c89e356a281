package io.invertavatar.media.decode;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

/**
 * Generates test media with FFmpeg's encoders and ImageIO. Every video frame carries its own index as a row of
 * black/white blocks (bit 0 leftmost, white = 1) across the middle, and a red block at the stored top-left corner,
 * so tests can tell which frame they got and which way up it is without trusting the code under test.
 */
final class TestMedia {

    static final int CODE_BITS = 10;

    static {
        // the encoders' chatter (openh264 warnings, "Output #0" dumps) is not test output
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET);
    }

    private TestMedia() {
    }

    record VideoSpec(String container, int codecId, int width, int height, double fps, int frames, double rotation) {
        static VideoSpec mp4(int w, int h, double fps, int frames) {
            return new VideoSpec("mp4", AV_CODEC_ID_H264, w, h, fps, frames, 0);
        }

        VideoSpec rotated(double degrees) {
            return new VideoSpec(container, codecId, width, height, fps, frames, degrees);
        }
    }

    static VideoSpec webm(int w, int h, double fps, int frames) {
        return new VideoSpec("webm", AV_CODEC_ID_VP9, w, h, fps, frames, 0);
    }

    static VideoSpec mkv(int w, int h, double fps, int frames) {
        return new VideoSpec("matroska", AV_CODEC_ID_MPEG4, w, h, fps, frames, 0);
    }

    static VideoSpec mov(int w, int h, double fps, int frames) {
        return new VideoSpec("mov", AV_CODEC_ID_H264, w, h, fps, frames, 0);
    }

    static Path video(Path out, VideoSpec spec) throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), spec.width(), spec.height(), 0);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setFormat(spec.container());
            rec.setVideoCodec(spec.codecId());
            rec.setPixelFormat(AV_PIX_FMT_YUV420P);
            rec.setFrameRate(spec.fps());
            rec.setVideoBitrate(400_000);
            rec.setGopSize(12);
            if (spec.codecId() == AV_CODEC_ID_VP9) {
                rec.setVideoOption("deadline", "realtime");
                rec.setVideoOption("cpu-used", "8");
            }
            if (spec.rotation() != 0) {
                rec.setDisplayRotation(spec.rotation());
            }
            rec.start();
            for (int i = 0; i < spec.frames(); i++) {
                Frame f = conv.convert(codedFrame(spec.width(), spec.height(), i));
                rec.record(f);
            }
            rec.stop();
        }
        return out;
    }

    /** A frame showing index i as blocks, with a red marker at the top-left and a grey background. */
    static BufferedImage codedFrame(int w, int h, int index) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 4, h / 4);
        int block = w / CODE_BITS;
        for (int b = 0; b < CODE_BITS; b++) {
            g.setColor(((index >> b) & 1) == 1 ? Color.WHITE : Color.BLACK);
            g.fillRect(b * block, h / 2 - block / 2, block, block);
        }
        g.dispose();
        return img;
    }

    /** Reads the index code back from an upright frame of width w (the code row runs along the stored x axis). */
    static int readCode(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int block = w / CODE_BITS;
        int value = 0;
        for (int b = 0; b < CODE_BITS; b++) {
            int rgb = img.getRGB(b * block + block / 2, h / 2);
            if (luma(rgb) > 128) {
                value |= 1 << b;
            }
        }
        return value;
    }

    /**
     * Turns an image by a quarter turn clockwise, pixel by pixel: out(x, y) = in(y, h-1-x). Written independently
     * of the production transform so that tests can undo a rotation without trusting it.
     */
    static BufferedImage quarterTurnClockwise(BufferedImage in) {
        int w = in.getWidth();
        int h = in.getHeight();
        BufferedImage out = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < h; x++) {
                out.setRGB(x, y, in.getRGB(y, h - 1 - x));
            }
        }
        return out;
    }

    static int luma(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return (r * 299 + g * 587 + b * 114) / 1000;
    }

    static boolean isRed(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return r > 160 && g < 90 && b < 90;
    }

    /**
     * A single-frame WebP straight from FFmpeg's libwebp encoder (its packet is a complete RIFF/WEBP file):
     * lossy (VP8) or lossless (VP8L). JavaCV's recorder is not used here: with the webp muxer it corrupted the
     * native heap in JavaCV 1.5.14.
     */
    static Path webp(Path out, BufferedImage img, boolean lossless) throws IOException {
        int w = img.getWidth();
        int h = img.getHeight();
        int pix = lossless ? org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA : AV_PIX_FMT_YUV420P;
        org.bytedeco.ffmpeg.avcodec.AVCodec enc =
                org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name("libwebp");
        org.bytedeco.ffmpeg.avcodec.AVCodecContext c = org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3(enc);
        org.bytedeco.ffmpeg.avutil.AVFrame frame = org.bytedeco.ffmpeg.global.avutil.av_frame_alloc();
        org.bytedeco.ffmpeg.avcodec.AVPacket packet = org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc();
        org.bytedeco.ffmpeg.avutil.AVDictionary opts = new org.bytedeco.ffmpeg.avutil.AVDictionary(null);
        org.bytedeco.ffmpeg.swscale.SwsContext sws = null;
        BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(img, 0, 0, null);
        byte[] pixels = ((java.awt.image.DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        // padded: swscale reads whole vectors past the last row
        try (org.bytedeco.javacpp.BytePointer src = new org.bytedeco.javacpp.BytePointer(java.util.Arrays.copyOf(
                pixels, pixels.length + 256));
             org.bytedeco.javacpp.PointerPointer<?> srcPlanes = new org.bytedeco.javacpp.PointerPointer<>(src, null, null, null);
             org.bytedeco.javacpp.IntPointer srcStride = new org.bytedeco.javacpp.IntPointer(w * 3, 0, 0, 0)) {
            c.width(w);
            c.height(h);
            c.pix_fmt(pix);
            c.time_base(org.bytedeco.ffmpeg.global.avutil.av_make_q(1, 1));
            if (lossless) {
                org.bytedeco.ffmpeg.global.avutil.av_dict_set(opts, "lossless", "1", 0);
            }
            check(org.bytedeco.ffmpeg.global.avcodec.avcodec_open2(c, enc, opts), "open libwebp");
            frame.format(pix);
            frame.width(w);
            frame.height(h);
            check(org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer(frame, 0), "frame buffer");
            sws = org.bytedeco.ffmpeg.global.swscale.sws_getContext(w, h,
                    org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24, w, h, pix,
                    org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR, null, null,
                    (org.bytedeco.javacpp.DoublePointer) null);
            org.bytedeco.ffmpeg.global.swscale.sws_scale(sws, srcPlanes, srcStride, 0, h, frame.data(),
                    frame.linesize());
            frame.pts(0);
            check(org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame(c, frame), "encode");
            org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame(c, null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet(c, packet) >= 0) {
                byte[] b = new byte[packet.size()];
                packet.data().get(b);
                bytes.writeBytes(b);
                org.bytedeco.ffmpeg.global.avcodec.av_packet_unref(packet);
            }
            Files.write(out, bytes.toByteArray());
        } finally {
            org.bytedeco.ffmpeg.global.avutil.av_dict_free(opts);
            org.bytedeco.ffmpeg.global.swscale.sws_freeContext(sws);
            org.bytedeco.ffmpeg.global.avcodec.av_packet_free(packet);
            org.bytedeco.ffmpeg.global.avutil.av_frame_free(frame);
            org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context(c);
        }
        return out;
    }

    private static void check(int rc, String what) throws IOException {
        if (rc < 0) {
            throw new IOException(what + " failed: " + rc);
        }
    }

    /** An MP4 with H.264 video and an AAC sound track. */
    static Path videoWithAudio(Path out, int w, int h, double fps, int frames) throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), w, h, 1);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setFormat("mp4");
            rec.setVideoCodec(AV_CODEC_ID_H264);
            rec.setPixelFormat(AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setAudioCodec(AV_CODEC_ID_AAC);
            rec.setSampleRate(16000);
            rec.start();
            for (int i = 0; i < frames; i++) {
                rec.record(conv.convert(codedFrame(w, h, i)));
            }
            short[] samples = new short[(int) (16000 * frames / fps)];
            rec.recordSamples(16000, 1, ShortBuffer.wrap(samples));
            rec.stop();
        }
        return out;
    }

    /** An audio-only file: a second of a tone, no video stream. */
    static Path audioOnly(Path out, String container) throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), 1)) {
            rec.setFormat(container);
            rec.setAudioCodec(container.equals("mp4") ? AV_CODEC_ID_AAC : AV_CODEC_ID_PCM_S16LE);
            rec.setSampleRate(16000);
            rec.setAudioChannels(1);
            rec.start();
            short[] samples = new short[16000];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(i * 2 * Math.PI * 440 / 16000));
            }
            rec.recordSamples(16000, 1, ShortBuffer.wrap(samples));
            rec.stop();
        }
        return out;
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, bos)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return bos.toByteArray();
    }

    static Path write(Path out, byte[] data) throws IOException {
        Files.write(out, data);
        return out;
    }

    /** A JPEG with an EXIF APP1 segment (IFD0 with only the orientation tag) inserted right after SOI. */
    static byte[] jpegWithOrientation(byte[] jpeg, int orientation, boolean bigEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        // TIFF header
        if (bigEndian) {
            tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        } else {
            tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
        }
        // IFD0: 1 entry; tag 0x0112, type SHORT (3), count 1, value; next-IFD offset 0
        byte[] entry = bigEndian
                ? new byte[] {0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0}
                : new byte[] {1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, 0, 0, 0, 0};
        tiff.writeBytes(entry);
        byte[] exif = new byte[6 + tiff.size()];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
        System.arraycopy(tiff.toByteArray(), 0, exif, 6, tiff.size());
        int segLen = exif.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(segLen >> 8);
        out.write(segLen & 0xFF);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A PNG made of a signature and an IHDR chunk (valid CRC) declaring the given size, then IEND: no pixels. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        chunk(out, "IHDR", ihdr);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static byte[] head(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOf(all, Math.min(all.length, 64));
    }
}
