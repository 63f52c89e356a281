package io.invertavatar.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobService;
import io.invertavatar.jobs.JobStatus;
import io.invertavatar.jobs.JobType;
import io.invertavatar.media.decode.ContentSniffer;
import io.invertavatar.media.decode.MediaKind;
import io.invertavatar.media.decode.SamplingPlan;
import io.invertavatar.media.decode.SniffedType;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;

/**
 * Uploads, reads and deletes media. An upload is checked (count, size, sniffed type) before anything is written;
 * then the originals go to blob storage under id-only keys, and the media row, the ingest job and its outbox row
 * are written in one transaction. If that transaction fails, the blobs are removed again.
 */
@Service
public class MediaService {

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);

    private final MediaRepository media;
    private final MediaFrameRepository frames;
    private final JobService jobs;
    private final BlobStore blobs;
    private final MediaProperties props;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public MediaService(MediaRepository media, MediaFrameRepository frames, JobService jobs, BlobStore blobs,
                        MediaProperties props, TransactionTemplate tx) {
        this.media = media;
        this.frames = frames;
        this.jobs = jobs;
        this.blobs = blobs;
        this.props = props;
        this.tx = tx;
    }

    /**
     * @param sampling       frame sampling for a video; {@code null} for the configured default
     * @param idempotencyKey optional; a repeat with the same key and the same bytes returns the first upload
     */
    public UploadResult upload(List<UploadPart> parts, SamplingPlan sampling, String idempotencyKey, UUID ownerId) {
        List<SniffedType> types = check(parts);
        SamplingPlan plan = sampling == null ? props.defaultSampling() : sampling;
        String hash = requestHash(parts, plan);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > 200) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "The Idempotency-Key is longer than 200 characters.");
        }
        if (key != null) {
            // keys are per owner: one owner's key must never find (or collide with) another owner's upload
            key = ownerId + ":" + key;
        }
        if (key != null) {
            Optional<UploadResult> earlier = replay(key, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        UUID mediaId = UUID.randomUUID();
        long total = 0;
        try {
            for (int i = 0; i < parts.size(); i++) {
                try (InputStream in = parts.get(i).bytes().getInputStream()) {
                    total += blobs.put(BlobKeys.mediaOriginal(mediaId, i), in, types.get(i).mimeType());
                }
            }
            long size = total;
            SniffedType first = types.get(0);
            String scopedKey = key;
            return tx.execute(s -> {
                Job job = jobs.enqueue(JobType.MEDIA_INGEST, Map.of("mediaId", mediaId.toString()), scopedKey, hash,
                        ownerId);
                media.save(new Media(mediaId, job.getId(), first.kind(), first.format(), parts.size(), size, plan,
                        ownerId, clock.instant()));
                return new UploadResult(mediaId, job.getId(), false);
            });
        } catch (IOException e) {
            removeBlobs(mediaId);
            throw new UncheckedIOException("Storing the upload failed", e);
        } catch (DataIntegrityViolationException e) {
            removeBlobs(mediaId);
            // two requests with the same key raced; the other one won
            if (key != null) {
                Optional<UploadResult> earlier = replay(key, hash);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            throw e;
        } catch (RuntimeException e) {
            removeBlobs(mediaId);
            throw e;
        }
    }

    private Optional<UploadResult> replay(String key, String hash) {
        Optional<Job> existing = jobs.findByIdempotencyKey(key);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        Job job = existing.get();
        if (!hash.equals(job.getRequestHash())) {
            throw new ServiceException(ErrorCode.IDEMPOTENCY_CONFLICT,
                    "This Idempotency-Key was already used for a different upload.");
        }
        UUID mediaId = UUID.fromString(job.getInputs().get("mediaId"));
        return Optional.of(new UploadResult(mediaId, job.getId(), true));
    }

    /** Validates the parts by count, size and sniffed bytes; returns each part's type. */
    List<SniffedType> check(List<UploadPart> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new ServiceException(ErrorCode.MISSING_FILE, "Send the photos or the video in a part named 'file'.");
        }
        if (parts.size() > props.maxFiles()) {
            throw new ServiceException(ErrorCode.TOO_MANY_FILES,
                    "At most " + props.maxFiles() + " photos per upload, got " + parts.size() + ".");
        }
        long total = parts.stream().mapToLong(UploadPart::size).sum();
        if (total > props.maxUploadSize().toBytes()) {
            throw new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The upload is " + total + " bytes; the limit is " + props.maxUploadSize().toBytes() + ".");
        }
        List<SniffedType> types = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            UploadPart p = parts.get(i);
            String which = parts.size() == 1 ? "The file" : "File " + (i + 1);
            if (p.size() == 0) {
                throw new ServiceException(ErrorCode.EMPTY_FILE, which + " is empty.");
            }
            byte[] head;
            try (InputStream in = p.bytes().getInputStream()) {
                head = in.readNBytes(ContentSniffer.HEAD_BYTES);
            } catch (IOException e) {
                throw new ServiceException(ErrorCode.BAD_REQUEST, which + " could not be read.");
            }
            SniffedType t = ContentSniffer.sniff(head).orElseThrow(() -> new ServiceException(
                    ErrorCode.UNSUPPORTED_MEDIA, which + " is not a JPEG, PNG or WebP photo, nor an MP4, MOV, WebM "
                    + "or MKV video (judged by its content, not its name)."));
            types.add(t);
        }
        boolean anyVideo = types.stream().anyMatch(t -> t.kind() == MediaKind.VIDEO);
        if (anyVideo && types.size() > 1) {
            throw new ServiceException(ErrorCode.MIXED_MEDIA, "Send either photos or exactly one video.");
        }
        return types;
    }

    private static String requestHash(List<UploadPart> parts, SamplingPlan plan) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((plan.mode() + "/" + plan.every() + "/" + plan.count() + "/" + parts.size()).getBytes());
            for (UploadPart p : parts) {
                md.update(("|" + p.size() + "|").getBytes());
                try (InputStream in = new DigestInputStream(p.bytes().getInputStream(), md)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "The upload could not be read.");
        }
    }

    /** The owner of a media, if it exists (for the web layer's ownership check). */
    public Optional<UUID> ownerOf(UUID id) {
        return media.findById(id).map(Media::getOwnerId);
    }

    public MediaDetails get(UUID id) {
        Media m = media.findById(id).orElseThrow(() -> notFound(id));
        Job job = jobs.find(m.getJobId()).orElse(null);
        return new MediaDetails(m, frames.findByMediaIdOrderBySeq(id), job);
    }

    /** A frame's PNG bytes; the caller closes the stream. */
    public InputStream frame(UUID id, int seq) throws IOException {
        media.findById(id).orElseThrow(() -> notFound(id));
        frames.findByMediaIdAndSeq(id, seq).orElseThrow(() ->
                new ServiceException(ErrorCode.NOT_FOUND, "Media " + id + " has no frame " + seq + "."));
        return blobs.open(BlobKeys.mediaFrame(id, seq));
    }

    public InputStream preview(UUID id) throws IOException {
        MediaDetails d = get(id);
        if (d.job() == null || d.job().getStatus() != JobStatus.SUCCEEDED) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "The preview of media " + id + " is not ready.");
        }
        return blobs.open(BlobKeys.mediaPreview(id));
    }

    /**
     * Removes the media's rows and blobs. A queued ingest is cancelled first; a running one must finish or be
     * cancelled before the media can go (otherwise it could write frames for a deleted media).
     */
    public void delete(UUID id) {
        Media m = media.findById(id).orElseThrow(() -> notFound(id));
        Optional<Job> job = jobs.find(m.getJobId());
        if (job.isPresent() && job.get().getStatus() == JobStatus.RUNNING) {
            throw new ServiceException(ErrorCode.CONFLICT,
                    "The media is being processed; cancel job " + m.getJobId() + " first or wait for it to end.");
        }
        if (job.isPresent() && job.get().getStatus() == JobStatus.QUEUED) {
            jobs.cancel(m.getJobId());
        }
        tx.executeWithoutResult(s -> {
            frames.deleteByMedia(id);
            media.deleteById(id);
        });
        removeBlobs(id);
    }

    private void removeBlobs(UUID mediaId) {
        try {
            blobs.deletePrefix(BlobKeys.mediaPrefix(mediaId));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the blobs of media {}: {}", mediaId, e.getMessage());
        }
    }

    private static ServiceException notFound(UUID id) {
        return new ServiceException(ErrorCode.NOT_FOUND, "No media with id " + id + ".");
    }
}
