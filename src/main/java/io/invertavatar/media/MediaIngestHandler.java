package io.invertavatar.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.jobs.JobContext;
import io.invertavatar.jobs.JobHandler;
import io.invertavatar.jobs.JobType;
import io.invertavatar.jobs.TransientJobException;
import io.invertavatar.media.decode.ContactSheet;
import io.invertavatar.media.decode.ContentSniffer;
import io.invertavatar.media.decode.FrameExtractor;
import io.invertavatar.media.decode.MediaKind;
import io.invertavatar.media.decode.MediaProber;
import io.invertavatar.media.decode.ProbeResult;
import io.invertavatar.media.decode.SamplingPlan;
import io.invertavatar.media.decode.SniffedType;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import io.invertavatar.tracking.service.MediaTrackingService;

/**
 * MEDIA_INGEST: probe each original (limits enforced from the headers), stream out the sampled frames as
 * upright PNGs, draw the contact-sheet preview, then write the probe facts and frame rows in one transaction.
 * Whatever goes wrong, the frames and preview written so far are removed, so a failed or retried ingest leaves
 * nothing half-written; storage I/O failures are retried (transient), decode failures are final.
 */
@Component
public class MediaIngestHandler implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(MediaIngestHandler.class);

    private final MediaRepository media;
    private final MediaFrameRepository frames;
    private final BlobStore blobs;
    private final MediaProperties props;
    private final TransactionTemplate tx;
    private final MediaTrackingService tracking;
    private final MediaProber prober = new MediaProber();
    private final FrameExtractor extractor = new FrameExtractor();
    private final Clock clock = Clock.systemUTC();

    public MediaIngestHandler(MediaRepository media, MediaFrameRepository frames, BlobStore blobs,
                              MediaProperties props, TransactionTemplate tx, MediaTrackingService tracking) {
        this.media = media;
        this.frames = frames;
        this.blobs = blobs;
        this.props = props;
        this.tx = tx;
        this.tracking = tracking;
    }

    @Override
    public JobType type() {
        return JobType.MEDIA_INGEST;
    }

    @Override
    public void handle(JobContext ctx) throws Exception {
        UUID mediaId = UUID.fromString(ctx.inputs().get("mediaId"));
        Media m = media.findById(mediaId).orElseThrow(() ->
                new ServiceException(ErrorCode.NOT_FOUND, "The media was deleted before it was processed."));
        removeOutputs(mediaId);
        try {
            ingest(ctx, m);
        } catch (Exception | Error e) {
            removeOutputs(mediaId);
            throw e;
        }
    }

    private void ingest(JobContext ctx, Media m) throws IOException {
        UUID mediaId = m.getId();
        ctx.progress(1, "fetching upload");
        List<Path> files = new ArrayList<>();
        List<SniffedType> types = new ArrayList<>();
        for (int i = 0; i < m.getPartCount(); i++) {
            Path f = ctx.scratch().resolve("part-" + i);
            String key = BlobKeys.mediaOriginal(mediaId, i);
            storage(() -> blobs.download(key, f));
            files.add(f);
            types.add(sniff(f));
        }
        ctx.progress(5, "probing");
        List<ProbeResult> probes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            probes.add(prober.probe(files.get(i), types.get(i), props.limits()));
            ctx.checkCancelled();
        }
        ProbeResult first = probes.get(0);
        ctx.progress(10, "extracting frames");

        SamplingPlan plan = m.samplingPlan();
        int maxFrames = props.maxFrames();
        long expected = expectedFrames(first, plan, maxFrames, files.size());
        List<MediaFrame> kept = new ArrayList<>();
        List<BufferedImage> thumbs = new ArrayList<>();
        int thumbWidth = props.preview().thumbWidth();
        for (int part = 0; part < files.size(); part++) {
            int partIndex = part;
            extractor.extract(files.get(part), probes.get(part), plan, maxFrames - kept.size(),
                    (index, ts, image) -> {
                        int seq = kept.size();
                        storage(() -> blobs.put(BlobKeys.mediaFrame(mediaId, seq), png(image), "image/png"));
                        int source = first.kind() == MediaKind.VIDEO ? index : partIndex;
                        kept.add(new MediaFrame(mediaId, seq, source, ts, image.getWidth(), image.getHeight()));
                        thumbs.add(thumbnail(image, thumbWidth));
                        int pct = 10 + (int) (80.0 * kept.size() / Math.max(1, expected));
                        ctx.progress(Math.min(90, pct), "extracted frame " + kept.size());
                    }, ctx::checkCancelled);
            if (kept.size() >= maxFrames) {
                break;
            }
        }
        ctx.progress(92, "drawing preview");
        BufferedImage sheet = ContactSheet.of(thumbs, props.preview().columns(), thumbWidth);
        byte[] jpeg = jpeg(sheet);
        storage(() -> blobs.put(BlobKeys.mediaPreview(mediaId), jpeg, "image/jpeg"));
        ctx.progress(93, "tracking faces");
        double trackingFps = MediaTrackingService.fps(kept.stream().map(MediaFrame::getTimestampMicros).toList());
        storage(() -> tracking.trackMedia(mediaId, first.kind() == MediaKind.VIDEO, trackingFps));
        ctx.checkCancelled();
        ctx.progress(96, "saving");
        long frameCount = first.kind() == MediaKind.VIDEO
                ? (first.frameCount() == null ? kept.size() : first.frameCount()) : files.size();
        tx.executeWithoutResult(s -> {
            Media fresh = media.findById(mediaId).orElseThrow(() ->
                    new ServiceException(ErrorCode.NOT_FOUND, "The media was deleted while it was processed."));
            fresh.recordProbe(first, frameCount, clock.instant());
            media.save(fresh);
            frames.saveAll(kept);
        });
        log.info("Media ingested: {} {} frames kept", first.kind(), kept.size());
    }

    private static long expectedFrames(ProbeResult p, SamplingPlan plan, int maxFrames, int parts) {
        if (p.kind() == MediaKind.IMAGE) {
            return Math.min(parts, maxFrames);
        }
        long total = p.frameCount() == null ? maxFrames : p.frameCount();
        long n = switch (plan.mode()) {
            case ALL -> total;
            case EVERY_KTH -> (total + plan.every() - 1) / plan.every();
            case UNIFORM -> Math.min(total, plan.count());
        };
        return Math.max(1, Math.min(n, maxFrames));
    }

    private static SniffedType sniff(Path f) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(f)) {
            head = in.readNBytes(ContentSniffer.HEAD_BYTES);
        }
        return ContentSniffer.sniff(head).orElseThrow(() ->
                new ServiceException(ErrorCode.UNSUPPORTED_MEDIA, "The file is not a supported image or video."));
    }

    private void removeOutputs(UUID mediaId) {
        try {
            blobs.deletePrefix(BlobKeys.mediaPrefix(mediaId) + "frames/");
            blobs.delete(BlobKeys.mediaPreview(mediaId));
            tracking.removeResults(mediaId);
            tx.executeWithoutResult(s -> frames.deleteByMedia(mediaId));
        } catch (IOException e) {
            throw new TransientJobException("Could not clear earlier outputs: " + e.getMessage(), e);
        }
    }

    /** Storage I/O is worth retrying; a missing original is not (it was deleted). */
    private static void storage(IoAction action) {
        try {
            action.run();
        } catch (NoSuchFileException e) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "The uploaded file is no longer in storage.");
        } catch (IOException e) {
            throw new TransientJobException("Blob storage failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("No PNG writer");
        }
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(rgb, "jpeg", out)) {
            throw new IOException("No JPEG writer");
        }
        return out.toByteArray();
    }

    /** Keeps only a small copy of each frame for the preview, so memory does not grow with frame size. */
    private static BufferedImage thumbnail(BufferedImage src, int width) {
        if (src.getWidth() <= width) {
            return src;
        }
        int h = Math.max(1, (int) Math.round(src.getHeight() * (double) width / src.getWidth()));
        BufferedImage t = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = t.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, width, h, null);
        g.dispose();
        return t;
    }
}
