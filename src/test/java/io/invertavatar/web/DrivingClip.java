package io.invertavatar.web;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A short generated driving video: the subject photo turning and nodding a little, so a tracker sees a face
 * that moves. Encoded as H.264 MP4 where the FFmpeg build has an H.264 encoder, MPEG-4 Part 2 otherwise.
 */
record DrivingClip(Path file, int frames, int fps) {

    static final int SIZE = 256;

    double seconds() {
        return (double) frames / fps;
    }

    static DrivingClip write(Path photo, Path file, int frames, int fps) throws IOException {
        BufferedImage subject = ImageIO.read(photo.toFile());
        Files.createDirectories(file.getParent());
        try {
            encode(subject, file, frames, fps, avcodec.AV_CODEC_ID_H264);
        } catch (FrameRecorder.Exception noH264) {
            encode(subject, file, frames, fps, avcodec.AV_CODEC_ID_MPEG4);
        }
        return new DrivingClip(file, frames, fps);
    }

    private static void encode(BufferedImage subject, Path file, int frames, int fps, int codec)
            throws FrameRecorder.Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), SIZE, SIZE);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(codec);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps);
            recorder.setVideoBitrate(800_000);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                double t = (double) i / frames;
                recorder.record(converter.convert(pose(subject, Math.sin(2 * Math.PI * t) * 8,
                        Math.sin(4 * Math.PI * t) * 6)), avutil.AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
    }

    /** The photo rolled by {@code degrees} and shifted down by {@code nod} pixels: a cheap head motion. */
    private static BufferedImage pose(BufferedImage subject, double degrees, double nod) {
        BufferedImage frame = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.translate(SIZE / 2.0, SIZE / 2.0 + nod);
        g.rotate(Math.toRadians(degrees));
        g.drawImage(subject, -SIZE / 2, -SIZE / 2, SIZE, SIZE, null);
        g.dispose();
        return frame;
    }
}
