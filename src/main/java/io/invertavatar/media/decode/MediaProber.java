package io.invertavatar.media.decode;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

/**
 * Reads the facts of an upload from its headers and enforces the limits before anything is decoded.
 * Stills: dimensions from the PNG/JPEG/WebP header (plus EXIF orientation). Videos: the container header gives the
 * stream dimensions, which are checked before FFmpeg opens any decoder; then stream info, rotation, duration and
 * frame count.
 */
public final class MediaProber {

    public ProbeResult probe(Path file, SniffedType type, MediaLimits limits) {
        checkSize(file, limits);
        return type.kind() == MediaKind.IMAGE ? probeStill(file, type, limits) : probeVideo(file, type, limits);
    }

    private static void checkSize(Path file, MediaLimits limits) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.CORRUPT_MEDIA, "The uploaded file could not be read.", e);
        }
        if (size == 0) {
            throw new ServiceException(ErrorCode.EMPTY_FILE, "The uploaded file is empty.");
        }
        if (limits.maxUploadBytes() > 0 && size > limits.maxUploadBytes()) {
            throw new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, "The file is " + Sizes.bytes(size)
                    + "; the limit is " + Sizes.bytes(limits.maxUploadBytes()) + ".");
        }
    }

    private static ProbeResult probeStill(Path file, SniffedType type, MediaLimits limits) {
        ImageHeader header = ImageHeaders.read(file, type);
        checkResolution(header.storedWidth(), header.storedHeight(), limits, "picture");
        boolean swap = ExifOrientation.swapsAxes(header.orientation());
        int width = swap ? header.storedHeight() : header.storedWidth();
        int height = swap ? header.storedWidth() : header.storedHeight();
        return new ProbeResult(MediaKind.IMAGE, type.format(), header.codec(), width, height,
                ExifOrientation.rotationDegrees(header.orientation()), null, null, 1L, false);
    }

    private static ProbeResult probeVideo(Path file, SniffedType type, MediaLimits limits) {
        try (FfmpegInput input = FfmpegInput.open(file, type)) {
            AVFormatContext fc = input.context();
            // header only: nothing has been decoded yet, so a huge declared frame size costs nothing here
            for (int i = 0; i < fc.nb_streams(); i++) {
                AVCodecParameters par = fc.streams(i).codecpar();
                if (par.codec_type() == AVMEDIA_TYPE_VIDEO) {
                    checkResolution(par.width(), par.height(), limits, "video");
                }
            }
            checkDuration(containerDuration(fc), limits);
            input.findStreamInfo(type);

            int index = videoStream(fc);
            boolean hasAudio = false;
            for (int i = 0; i < fc.nb_streams(); i++) {
                hasAudio |= fc.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO;
            }
            if (index < 0) {
                throw new ServiceException(ErrorCode.NO_VIDEO_STREAM, hasAudio
                        ? "The file contains only audio; a video with a picture is needed."
                        : "The file contains no video stream.");
            }
            AVStream stream = fc.streams(index);
            AVCodecParameters par = stream.codecpar();
            checkResolution(par.width(), par.height(), limits, "video");
            if (par.width() <= 0 || par.height() <= 0) {
                throw new ServiceException(ErrorCode.CORRUPT_MEDIA, "The video does not declare its frame size.");
            }
            String codec = avcodec_get_name(par.codec_id()).getString();
            if (avcodec_find_decoder(par.codec_id()) == null) {
                throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA,
                        "The video codec '" + codec + "' is not supported.");
            }
            int rotation = rotationClockwise(par);
            Double fps = rate(stream.avg_frame_rate());
            if (fps == null) {
                fps = rate(stream.r_frame_rate());
            }
            Double duration = seconds(stream.duration(), stream.time_base());
            if (duration == null) {
                Long micros = containerDuration(fc);
                duration = micros == null ? null : micros / 1e6;
            }
            Long frameCount = stream.nb_frames() > 0 ? stream.nb_frames() : null;
            if (frameCount == null) {
                // Matroska/WebM headers carry no frame count: count the packets (demuxing only, no decoding)
                PacketCount count = countPackets(fc, index);
                frameCount = count.packets() > 0 ? count.packets() : null;
                if (duration == null && count.endSeconds() != null) {
                    duration = count.endSeconds();
                }
            }
            if (duration != null) {
                checkDuration(Math.round(duration * 1e6), limits);
            }
            boolean swap = rotation == 90 || rotation == 270;
            return new ProbeResult(MediaKind.VIDEO, type.format(), codec,
                    swap ? par.height() : par.width(), swap ? par.width() : par.height(), rotation,
                    duration, fps, frameCount, hasAudio);
        }
    }

    /** The first real video stream; cover art (an attached picture in an audio file) does not count. */
    static int videoStream(AVFormatContext fc) {
        for (int i = 0; i < fc.nb_streams(); i++) {
            AVStream st = fc.streams(i);
            if (st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO
                    && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Clockwise degrees to turn a decoded frame for display. The display matrix stores the counter-clockwise angle
     * (as FFmpeg's own player reads it), so the sign flips; the result is snapped to a quarter turn.
     */
    static int rotationClockwise(AVCodecParameters par) {
        AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 36) {
            return 0;
        }
        double ccw = av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(ccw)) {
            return 0;
        }
        long quarter = Math.round(-ccw / 90.0);
        return (int) (((quarter % 4) + 4) % 4) * 90;
    }

    private static Long containerDuration(AVFormatContext fc) {
        long d = fc.duration();
        return d == AV_NOPTS_VALUE || d <= 0 ? null : d * 1_000_000L / AV_TIME_BASE;
    }

    private static Double seconds(long value, AVRational base) {
        if (value == AV_NOPTS_VALUE || value <= 0 || base.den() == 0) {
            return null;
        }
        return value * (double) base.num() / base.den();
    }

    private static Double rate(AVRational r) {
        return r.num() > 0 && r.den() > 0 ? r.num() / (double) r.den() : null;
    }

    private record PacketCount(long packets, Double endSeconds) {
    }

    private static PacketCount countPackets(AVFormatContext fc, int index) {
        AVPacket pkt = av_packet_alloc();
        long packets = 0;
        long end = AV_NOPTS_VALUE;
        try {
            while (av_read_frame(fc, pkt) >= 0) {
                if (pkt.stream_index() == index) {
                    packets++;
                    if (pkt.pts() != AV_NOPTS_VALUE) {
                        end = Math.max(end, pkt.pts() + Math.max(0, pkt.duration()));
                    }
                }
                av_packet_unref(pkt);
            }
        } finally {
            av_packet_free(pkt);
        }
        return new PacketCount(packets, seconds(end, fc.streams(index).time_base()));
    }

    private static void checkResolution(long width, long height, MediaLimits limits, String what) {
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw new ServiceException(ErrorCode.RESOLUTION_TOO_LARGE, "The " + what + " is " + width + " x "
                    + height + " pixels; the limit is " + limits.maxSide() + " pixels a side.");
        }
    }

    private static void checkDuration(Long micros, MediaLimits limits) {
        if (micros == null || limits.maxDuration() == null) {
            return;
        }
        Duration length = Duration.ofNanos(micros * 1000);
        if (length.compareTo(limits.maxDuration()) > 0) {
            throw new ServiceException(ErrorCode.DURATION_TOO_LONG, "The video is " + Sizes.duration(length)
                    + " long; the limit is " + Sizes.duration(limits.maxDuration()) + ".");
        }
    }
}
