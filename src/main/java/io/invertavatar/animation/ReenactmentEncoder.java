package io.invertavatar.animation;

import io.invertavatar.geometry.RgbImage;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Streams a reenactment: driver frames are decoded, tracked, rendered and encoded one at a time (memory does not
 * grow with the driver's length) into an MP4 ({@link Mp4Writer}) at the driver's frame rate, with the driver's
 * audio when present. The file appears at {@code output} only when complete.
 */
public final class ReenactmentEncoder {

    /** Called after every video frame; may throw (e.g. a job's cancellation) to stop — nothing is left behind. */
    @FunctionalInterface
    public interface Progress {
        void framesDone(long done, long total);
    }

    /** What was written. {@code facesFound} counts driver frames with a tracked face. */
    public record Result(long frames, double frameRate, int width, int height, boolean audio, long facesFound) {
    }

    public Result encode(Path driver, Path output, DriverTracker tracker, ReenactedFrames frames, Progress progress)
            throws IOException {
        return encode(driver, output, tracker, frames, progress, java.util.Map.of());
    }

    /** As above, with container metadata (provenance tags) on the MP4. */
    public Result encode(Path driver, Path output, DriverTracker tracker, ReenactedFrames frames, Progress progress,
                         java.util.Map<String, String> metadata) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(driver.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            if (grabber.getImageWidth() <= 0) {
                throw new IOException("the driving video has no video stream");
            }
            double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
            long total = Math.max(0, grabber.getLengthInVideoFrames());
            int channels = Math.max(0, grabber.getAudioChannels());
            try (Mp4Writer out = new Mp4Writer(output, frames.width(), frames.height(), fps, channels,
                    grabber.getSampleRate(), metadata)) {
                long index = 0, faces = 0;
                Frame in;
                while ((in = grabber.grab()) != null) {
                    if (in.image != null) {
                        DriverTracking tracking = tracker.track(toRgb(in), index).orElse(null);
                        faces += tracking != null ? 1 : 0;
                        out.writeFrame(frames.next(tracking));
                        index++;
                        progress.framesDone(index, Math.max(total, index));
                    } else if (channels > 0 && in.samples != null) {
                        out.writeSamples(in.sampleRate, in.audioChannels, in.samples);
                    }
                }
                if (index == 0) {
                    throw new IOException("the driving video has no frames");
                }
                out.finish();
                return new Result(index, fps, out.width(), out.height(), channels > 0, faces);
            }
        } catch (FrameGrabber.Exception e) {
            throw new IOException("the driving video could not be decoded: " + e.getMessage(), e);
        }
    }

    static RgbImage toRgb(Frame f) {
        ByteBuffer b = (ByteBuffer) f.image[0];
        int w = f.imageWidth, h = f.imageHeight, stride = f.imageStride;
        float[] rgb = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            for (int x = 0; x < w; x++) {
                int i = row + 3 * x, o = 3 * (y * w + x);
                rgb[o] = (b.get(i + 2) & 255) / 255f;
                rgb[o + 1] = (b.get(i + 1) & 255) / 255f;
                rgb[o + 2] = (b.get(i) & 255) / 255f;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
