package io.invertavatar.animation;

import io.invertavatar.geometry.RgbImage;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an MP4 browsers play: H.264 (OpenH264) yuv420p with fast start, optional AAC audio. Frames go to a
 * {@code .part} file that becomes {@code output} atomically in {@link #finish()}; closing without finishing
 * deletes it, so a failed or cancelled render leaves nothing half-written. Sizes are cropped to even numbers.
 */
public final class Mp4Writer implements AutoCloseable {

    private static final double BITS_PER_PIXEL = 0.12;

    private final Path output;
    private final Path part;
    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private boolean finished;
    private long frames;

    public Mp4Writer(Path output, int width, int height, double fps, int audioChannels, int sampleRate) throws IOException {
        this(output, width, height, fps, audioChannels, sampleRate, java.util.Map.of());
    }

    /**
     * @param metadata container tags (e.g. provenance); custom keys are kept ({@code use_metadata_tags}) and read
     *                 back by FFmpeg as format metadata
     */
    public Mp4Writer(Path output, int width, int height, double fps, int audioChannels, int sampleRate,
                     java.util.Map<String, String> metadata) throws IOException {
        this.output = output;
        this.part = output.resolveSibling(output.getFileName() + ".part");
        int w = width & ~1, h = height & ~1;
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("video size must be at least 2×2");
        }
        recorder = new FFmpegFrameRecorder(part.toFile(), w, h, audioChannels);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libopenh264");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoBitrate((int) Math.max(200_000, BITS_PER_PIXEL * w * h * fps));
        recorder.setOption("movflags", metadata.isEmpty() ? "+faststart" : "+faststart+use_metadata_tags");
        if (!metadata.isEmpty()) {
            recorder.setMetadata(new java.util.HashMap<>(metadata));
        }
        if (audioChannels > 0) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioBitrate(128_000);
        }
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            closeQuietly();
            throw new IOException("could not start the video encoder: " + e.getMessage(), e);
        }
        frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
    }

    public int width() {
        return frame.imageWidth;
    }

    public int height() {
        return frame.imageHeight;
    }

    public long frames() {
        return frames;
    }

    public void writeFrame(RgbImage image) throws IOException {
        fill(frame, image);
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding the video failed: " + e.getMessage(), e);
        }
        frames++;
    }

    public void writeSamples(int sampleRate, int channels, Buffer... samples) throws IOException {
        try {
            recorder.recordSamples(sampleRate, channels, samples);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding the audio failed: " + e.getMessage(), e);
        }
    }

    /** Flushes the encoders and moves the file into place. */
    public void finish() throws IOException {
        if (frames == 0) {
            throw new IOException("no frames to write");
        }
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("finishing the video failed: " + e.getMessage(), e);
        }
        Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            closeQuietly();
            Files.deleteIfExists(part);
        }
    }

    private void closeQuietly() {
        try {
            recorder.close();
        } catch (FrameRecorder.Exception ignored) {
            // the partial file is deleted anyway
        }
    }

    /** Writes the top-left frame-sized part of {@code img} as BGR bytes. */
    static void fill(Frame out, RgbImage img) {
        ByteBuffer b = (ByteBuffer) out.image[0];
        int stride = out.imageStride;
        float[] rgb = img.rgb();
        int w = Math.min(out.imageWidth, img.width()), h = Math.min(out.imageHeight, img.height());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
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
