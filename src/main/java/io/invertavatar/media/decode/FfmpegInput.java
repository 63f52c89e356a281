package io.invertavatar.media.decode;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * An opened FFmpeg demuxer on a local file. The demuxer is named from the sniffed type (FFmpeg never guesses one
 * from the content) and only the {@code file} protocol is allowed, so a crafted upload cannot make FFmpeg follow
 * playlists or open URLs. FFmpeg's own log is silenced: users see our messages, not decoder noise.
 */
final class FfmpegInput implements AutoCloseable {

    static {
        av_log_set_level(AV_LOG_QUIET);
    }

    private final AVFormatContext context;

    private FfmpegInput(AVFormatContext context) {
        this.context = context;
    }

    /** Opens the container and reads its header; stream parameters come from the header only at this point. */
    static FfmpegInput open(Path file, SniffedType type) {
        AVInputFormat demuxer = av_find_input_format(Formats.demuxer(type));
        if (demuxer == null) {
            throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA,
                    "This build cannot read " + type.format().toUpperCase() + " files.");
        }
        AVFormatContext ctx = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        int rc;
        try (BytePointer name = new BytePointer(file.toAbsolutePath().toString(), "UTF-8")) {
            rc = avformat_open_input(ctx, name, demuxer, options);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        } finally {
            av_dict_free(options);
        }
        if (rc < 0 || ctx.isNull()) {
            throw new ServiceException(ErrorCode.CORRUPT_MEDIA, "The " + describe(type)
                    + " could not be opened: its container is damaged or not what its first bytes claim.");
        }
        return new FfmpegInput(ctx);
    }

    /** Reads a little of every stream to complete the parameters the header leaves open (frame rate, codec details). */
    void findStreamInfo(SniffedType type) {
        if (avformat_find_stream_info(context, (PointerPointer<?>) null) < 0) {
            throw new ServiceException(ErrorCode.CORRUPT_MEDIA,
                    "The " + describe(type) + " is damaged: its streams could not be read.");
        }
    }

    AVFormatContext context() {
        return context;
    }

    static String describe(SniffedType type) {
        return type.kind() == MediaKind.VIDEO ? type.format().toUpperCase() + " video"
                : type.format().toUpperCase() + " picture";
    }

    @Override
    public void close() {
        avformat_close_input(context);
    }
}
