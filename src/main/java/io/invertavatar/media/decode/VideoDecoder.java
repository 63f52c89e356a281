package io.invertavatar.media.decode;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * Sequential decoder of one video stream (or a single FFmpeg-decoded still). Holds one packet, one frame and one
 * conversion buffer, reused for the whole file: memory does not depend on the video's length. Pixel conversion is
 * separate from decoding, so frames that are not sampled are never converted.
 */
final class VideoDecoder implements AutoCloseable {

    private final FfmpegInput input;
    private final SniffedType type;
    private final int streamIndex;
    private final AVRational timeBase;
    private final long startTime;
    private AVCodecContext codec;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private SwsContext sws;
    private BytePointer bgr;
    private int bgrWidth;
    private int bgrHeight;
    private boolean draining;
    private boolean finished;
    private long decoded;
    private int failedPackets;

    private VideoDecoder(FfmpegInput input, SniffedType type, int streamIndex) {
        this.input = input;
        this.type = type;
        this.streamIndex = streamIndex;
        AVStream stream = input.context().streams(streamIndex);
        this.timeBase = stream.time_base();
        this.startTime = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
    }

    private void openCodec(long maxPixels) {
        AVStream stream = input.context().streams(streamIndex);
        AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
        if (decoder == null) {
            throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA, "The codec of this file is not supported.");
        }
        codec = avcodec_alloc_context3(decoder);
        if (avcodec_parameters_to_context(codec, stream.codecpar()) < 0) {
            throw corrupt();
        }
        codec.pkt_timebase(stream.time_base());
        codec.thread_count(0); // one decoding thread per core
        AVDictionary options = new AVDictionary(null);
        // defence in depth: the decoder itself refuses frames larger than the probed size allows
        av_dict_set(options, "max_pixels", Long.toString(Math.min(Integer.MAX_VALUE, maxPixels)), 0);
        int rc = avcodec_open2(codec, decoder, options);
        av_dict_free(options);
        if (rc < 0) {
            throw corrupt();
        }
    }

    /** Opens the file's main video stream; the file must have been probed (limits enforced) before. */
    static VideoDecoder open(Path file, SniffedType type, int width, int height) {
        FfmpegInput input = FfmpegInput.open(file, type);
        VideoDecoder decoder = null;
        try {
            input.findStreamInfo(type);
            int index = MediaProber.videoStream(input.context());
            if (index < 0) {
                throw new ServiceException(ErrorCode.NO_VIDEO_STREAM, "The file contains no video stream.");
            }
            decoder = new VideoDecoder(input, type, index);
            // decoders allocate padded, aligned planes and check those against max_pixels: leave room for that,
            // while still refusing a stream whose frames grow far beyond what the header declared
            long side = 2L * Math.max(width, height) + 64;
            decoder.openCodec(side * side);
            return decoder;
        } catch (RuntimeException e) {
            if (decoder != null) {
                decoder.close(); // frees codec, packet, frame and the input
            } else {
                input.close();
            }
            throw e;
        }
    }

    /**
     * Decodes the next frame of the stream into the reusable frame buffer.
     *
     * @return false at the end of the stream
     */
    boolean next() {
        if (finished) {
            return false;
        }
        while (true) {
            av_frame_unref(frame);
            int rc = avcodec_receive_frame(codec, frame);
            if (rc >= 0) {
                decoded++;
                return true;
            }
            if (rc == AVERROR_EOF) {
                finished = true;
                return false;
            }
            if (rc != AVERROR_EAGAIN()) {
                throw corrupt();
            }
            if (draining) {
                finished = true;
                return false;
            }
            feedOnePacket();
        }
    }

    private void feedOnePacket() {
        while (true) {
            int rc = av_read_frame(input.context(), packet);
            if (rc < 0) {
                // end of file, or the file stops early: decode what has been read so far
                draining = true;
                avcodec_send_packet(codec, null);
                return;
            }
            try {
                if (packet.stream_index() != streamIndex) {
                    continue;
                }
                if (avcodec_send_packet(codec, packet) < 0) {
                    // a damaged packet: skip it like a player would; a file with no good frame fails at the end
                    failedPackets++;
                    continue;
                }
                return;
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** Frames decoded so far. */
    long decoded() {
        return decoded;
    }

    int failedPackets() {
        return failedPackets;
    }

    /**
     * Presentation time of the current frame in microseconds from the start of the stream (so the first frame is at
     * 0 even when the container shifts timestamps, e.g. for B-frame delay); 0 when the stream has no timestamps.
     */
    long timestampMicros() {
        long pts = frame.best_effort_timestamp();
        if (pts == AV_NOPTS_VALUE) {
            return 0;
        }
        return Math.max(0, Math.round((pts - startTime) * 1e6 * timeBase.num() / timeBase.den()));
    }

    /** Converts the current frame to a new BGR image (never shared with later frames). */
    BufferedImage toImage() {
        int w = frame.width();
        int h = frame.height();
        sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        if (sws == null) {
            throw corrupt();
        }
        // swscale's SIMD paths write whole vectors: give every row an aligned stride and the buffer a spare row,
        // or rows whose byte width is not a multiple of the vector size overrun the buffer's end
        int stride = (w * 3 + 63) & ~63;
        if (bgr == null || bgrWidth != w || bgrHeight != h) {
            if (bgr != null) {
                bgr.close();
            }
            bgr = new BytePointer((long) stride * (h + 1));
            bgrWidth = w;
            bgrHeight = h;
        }
        try (PointerPointer<BytePointer> dst = new PointerPointer<>(bgr.position(0), null, null, null);
             IntPointer dstStride = new IntPointer(stride, 0, 0, 0)) {
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, dst, dstStride);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int row = w * 3;
        for (int y = 0; y < h; y++) {
            bgr.position((long) y * stride).get(pixels, y * row, row);
        }
        bgr.position(0);
        return image;
    }

    private ServiceException corrupt() {
        return new ServiceException(ErrorCode.CORRUPT_MEDIA,
                "The " + FfmpegInput.describe(type) + " is damaged and could not be decoded.");
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(frame);
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (bgr != null) {
            bgr.close();
        }
        input.close();
    }
}
