package io.invertavatar.media.decode;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Decodes an upload sequentially and hands the sampled, upright frames to a sink.
 *
 * <p>Videos are decoded frame by frame; only sampled frames are converted to RGB, and each is handed to the sink
 * and forgotten, so memory stays flat however long the video is. Display-matrix rotation is applied. Stills are
 * one frame: JPEG and PNG through ImageIO (JPEG turned upright by its EXIF orientation), WebP through FFmpeg.
 */
public final class FrameExtractor {

    /** How often (in decoded frames) cancellation is checked between sampled frames. */
    private static final int CANCEL_CHECK_INTERVAL = 25;

    /**
     * @param probe    the result of {@link MediaProber#probe} for this file (limits already enforced)
     * @param maxFrames most frames handed to the sink
     * @return the number of frames handed to the sink (at least 1)
     * @throws ServiceException CORRUPT_MEDIA when nothing could be decoded
     */
    public int extract(Path file, ProbeResult probe, SamplingPlan plan, int maxFrames,
                       FrameSink sink, Runnable checkCancelled) throws IOException {
        SniffedType type = Formats.ALL.stream().filter(t -> t.format().equals(probe.format())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format " + probe.format()));
        checkCancelled.run();
        return switch (type.format()) {
            case "jpeg", "png" -> {
                sink.accept(0, 0, readWithImageIo(file, type));
                yield 1;
            }
            default -> extractWithFfmpeg(file, type, probe, plan, maxFrames, sink, checkCancelled);
        };
    }

    private static int extractWithFfmpeg(Path file, SniffedType type, ProbeResult probe, SamplingPlan plan,
                                         int maxFrames, FrameSink sink, Runnable checkCancelled)
            throws IOException {
        boolean still = type.kind() == MediaKind.IMAGE;
        FrameSampler sampler = still ? FrameSampler.of(SamplingPlan.all(), 1, 1L)
                : FrameSampler.of(plan, maxFrames, probe.frameCount());
        int emitted = 0;
        try (VideoDecoder decoder = VideoDecoder.open(file, type, probe.width(), probe.height())) {
            long index = 0;
            while (!sampler.done() && decoder.next()) {
                if (sampler.take(index)) {
                    checkCancelled.run();
                    BufferedImage image = Upright.rotateClockwise(decoder.toImage(), still ? 0 : probe.rotation());
                    sink.accept((int) index, decoder.timestampMicros(), image);
                    emitted++;
                } else if (index % CANCEL_CHECK_INTERVAL == 0) {
                    checkCancelled.run();
                }
                index++;
            }
        }
        if (emitted == 0) {
            throw new ServiceException(ErrorCode.CORRUPT_MEDIA,
                    "The " + FfmpegInput.describe(type) + " is damaged: no frame could be decoded.");
        }
        return emitted;
    }

    /**
     * Reads a JPEG or PNG strictly: ImageIO reports truncated or damaged data only as warnings (and returns a grey
     * half-picture), so any warning is treated as damage.
     */
    static BufferedImage readWithImageIo(Path file, SniffedType type) throws IOException {
        String what = FfmpegInput.describe(type);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.format());
            if (in == null || !readers.hasNext()) {
                throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA, "This build cannot read " + what + "s.");
            }
            ImageReader reader = readers.next();
            StringBuilder warnings = new StringBuilder();
            reader.addIIOReadWarningListener((source, warning) -> warnings.append(warning).append(' '));
            BufferedImage decoded;
            try {
                reader.setInput(in, true, true);
                decoded = reader.read(0);
            } catch (IIOException e) {
                // ImageIO says "Unsupported Image Type" for CMYK/YCCK and "Unsupported JPEG process" for
                // arithmetic-coded or lossless JPEGs: valid files that this reader cannot decode
                String detail = String.valueOf(e.getMessage());
                if (detail.contains("Unsupported")) {
                    throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA, "This " + what + " uses a colour format "
                            + "or compression variant that is not supported; please save it as a standard RGB file.", e);
                }
                throw new ServiceException(ErrorCode.CORRUPT_MEDIA, "The " + what + " is damaged and could not be "
                        + "decoded.", e);
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new ServiceException(ErrorCode.CORRUPT_MEDIA, "The " + what + " is damaged and could not be "
                        + "decoded.", e);
            } finally {
                reader.dispose();
            }
            if (warnings.length() > 0) {
                throw new ServiceException(ErrorCode.CORRUPT_MEDIA,
                        "The " + what + " is damaged or incomplete and could not be decoded.");
            }
            BufferedImage rgb = toBgr(decoded);
            if (type.format().equals("jpeg")) {
                return ExifOrientation.apply(rgb, ImageHeaders.read(file, type).orientation());
            }
            return rgb;
        }
    }

    /** Any ImageIO result (grey, palette, 16-bit, alpha) as 8-bit BGR; transparency is put on white. */
    private static BufferedImage toBgr(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
