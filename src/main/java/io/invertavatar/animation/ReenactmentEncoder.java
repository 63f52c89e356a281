package io.invertavatar.animation;

import io.invertavatar.geometry.RgbImage;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Streams a reenactment: driver frames are decoded, tracked, rendered and encoded one at a time (memory does not
 * grow with the driver's length) into an H.264 MP4 (OpenH264, yuv420p, fast start) at the driver's frame rate,
 * with the driver's audio re-encoded to AAC when present. The file appears at {@code output} only when complete.
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

    private static final double BITS_PER_PIXEL = 0.12;

    public Result encode(Path driver, Path output, DriverTracker tracker, ReenactedFrames frames, Progress progress)
            throws IOException {
        Path tmp = output.resolveSibling(output.getFileName() + ".part");
        boolean done = false;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(driver.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            if (grabber.getVideoCodec() == 0 && grabber.getImageWidth() <= 0) {
                throw new IOException("the driving video has no video stream");
            }
            double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
            long total = Math.max(0, grabber.getLengthInVideoFrames());
            boolean audio = grabber.getAudioChannels() > 0;
            int w = frames.width() & ~1, h = frames.height() & ~1;   // yuv420p needs even sizes
            Result result;
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(tmp.toFile(), w, h, audio ? grabber.getAudioChannels() : 0)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodecName("libopenh264");
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setVideoBitrate((int) Math.max(200_000, BITS_PER_PIXEL * w * h * fps));
                recorder.setOption("movflags", "+faststart");
                if (audio) {
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setAudioBitrate(128_000);
                }
                recorder.start();
                Frame out = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
                long index = 0, faces = 0;
                Frame in;
                while ((in = grabber.grab()) != null) {
                    if (in.image != null) {
                        RgbImage picture = toRgb(in);
                        DriverTracking tracking = tracker.track(picture, index).orElse(null);
                        faces += tracking != null ? 1 : 0;
                        fill(out, frames.next(tracking));
                        recorder.record(out, avutil.AV_PIX_FMT_BGR24);
                        index++;
                        progress.framesDone(index, Math.max(total, index));
                    } else if (audio && in.samples != null) {
                        recorder.recordSamples(in.sampleRate, in.audioChannels, in.samples);
                    }
                }
                recorder.stop();
                result = new Result(index, fps, w, h, audio, faces);
            }
            if (result.frames() == 0) {
                throw new IOException("the driving video has no frames");
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return result;
        } catch (FrameGrabber.Exception e) {
            throw new IOException("the driving video could not be decoded: " + e.getMessage(), e);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding the animation failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
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

    /** Writes the top-left {@code out}-sized part of {@code img} as BGR bytes. */
    static void fill(Frame out, RgbImage img) {
        ByteBuffer b = (ByteBuffer) out.image[0];
        int stride = out.imageStride;
        float[] rgb = img.rgb();
        for (int y = 0; y < out.imageHeight; y++) {
            for (int x = 0; x < out.imageWidth; x++) {
                int i = y * stride + 3 * x, s = 3 * (y * img.width() + x);
                b.put(i, to8(rgb[s + 2]));
                b.put(i + 1, to8(rgb[s + 1]));
                b.put(i + 2, to8(rgb[s]));
            }
        }
    }

    private static byte to8(float v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
