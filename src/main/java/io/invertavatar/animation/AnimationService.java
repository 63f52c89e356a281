package io.invertavatar.animation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.invertavatar.avatar.Avatar;
import io.invertavatar.avatar.AvatarRepository;
import io.invertavatar.avatar.WatermarkPolicy;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobService;
import io.invertavatar.jobs.JobType;
import io.invertavatar.media.Media;
import io.invertavatar.media.MediaRepository;
import io.invertavatar.media.MediaService;
import io.invertavatar.media.UploadPart;
import io.invertavatar.media.decode.MediaKind;
import io.invertavatar.security.Caller;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import io.invertavatar.storage.StoredBlob;

/** Animations for the web layer: queue a render of an avatar driven by a video, read, download, delete. */
@Service
public class AnimationService {

    private static final Logger log = LoggerFactory.getLogger(AnimationService.class);

    public record Accepted(UUID animationId, UUID jobId) {
    }

    private final AnimationRepository animations;
    private final AvatarRepository avatars;
    private final MediaService mediaService;
    private final MediaRepository media;
    private final JobService jobs;
    private final BlobStore blobs;
    private final TransactionTemplate tx;
    private final WatermarkPolicy watermarks;
    private final Clock clock = Clock.systemUTC();

    public AnimationService(AnimationRepository animations, AvatarRepository avatars, MediaService mediaService,
                            MediaRepository media, JobService jobs, BlobStore blobs, TransactionTemplate tx,
                            WatermarkPolicy watermarks) {
        this.animations = animations;
        this.avatars = avatars;
        this.mediaService = mediaService;
        this.media = media;
        this.jobs = jobs;
        this.blobs = blobs;
        this.tx = tx;
        this.watermarks = watermarks;
    }

    /** {@code file} (one driving video) or {@code mediaId} (an existing video), not both. */
    public Accepted create(Caller caller, UUID avatarId, UploadPart file, UUID mediaId) {
        Avatar avatar = avatars.findById(avatarId).orElseThrow(() ->
                new ServiceException(ErrorCode.NOT_FOUND, "No avatar with id " + avatarId + "."));
        if (avatar.getStateVersion() == 0) {
            throw new ServiceException(ErrorCode.CONFLICT, "The avatar is not built yet"
                    + (avatar.getErrorMessage() == null ? "." : ": " + avatar.getErrorMessage()));
        }
        if ((file == null) == (mediaId == null)) {
            throw new ServiceException(file == null ? ErrorCode.MISSING_FILE : ErrorCode.BAD_REQUEST,
                    "Send one driving video in a part named 'file', or an existing video's id as 'mediaId'.");
        }
        UUID driverId;
        if (file != null) {
            driverId = mediaService.upload(List.of(file), null, null, caller.ownerId()).mediaId();
            Media m = media.findById(driverId).orElseThrow();
            if (m.getKind() != MediaKind.VIDEO) {
                try {
                    mediaService.delete(driverId);
                } catch (RuntimeException e) {
                    log.debug("Driver upload {} not removed: {}", driverId, e.getMessage());
                }
                throw notAVideo();
            }
        } else {
            Optional<Media> m = media.findById(mediaId);
            if (m.isEmpty() || !caller.mayAccess(m.get().getOwnerId())) {
                throw new ServiceException(ErrorCode.NOT_FOUND, "No media with id " + mediaId + ".");
            }
            if (m.get().getKind() != MediaKind.VIDEO) {
                throw notAVideo();
            }
            driverId = mediaId;
        }
        UUID animationId = UUID.randomUUID();
        return tx.execute(s -> {
            Job job = jobs.enqueue(JobType.ANIMATION_RENDER, Map.of("animationId", animationId.toString(),
                    "avatarId", avatarId.toString(), "driverMediaId", driverId.toString()), null, null,
                    caller.ownerId());
            Animation animation = new Animation(animationId, caller.ownerId(), avatarId, driverId, job.getId(),
                    clock.instant());
            // an avatar made with the mark keeps it in every video; the animating key may add it
            animation.setWatermark(avatar.isWatermark() || watermarks.appliesTo(caller));
            animations.save(animation);
            return new Accepted(animationId, job.getId());
        });
    }

    private static ServiceException notAVideo() {
        return new ServiceException(ErrorCode.UNSUPPORTED_MEDIA, "The driving file must be a video (MP4, MOV, WebM "
                + "or MKV), not a photo.");
    }

    public Optional<UUID> ownerOf(UUID id) {
        return animations.findById(id).map(Animation::getOwnerId);
    }

    public Animation get(UUID id) {
        return animations.findById(id).orElseThrow(() ->
                new ServiceException(ErrorCode.NOT_FOUND, "No animation with id " + id + "."));
    }

    /** The avatar's animations, newest first; {@code caller} sees only their own unless admin. */
    public List<Animation> ofAvatar(Caller caller, UUID avatarId) {
        return animations.findByAvatarIdOrderByCreatedAtDesc(avatarId).stream()
                .filter(a -> caller.mayAccess(a.getOwnerId())).toList();
    }

    public StoredBlob video(UUID id) {
        Animation a = get(id);
        String key = BlobKeys.animationVideo(id);
        try {
            Optional<Long> size = a.getStatus() == AnimationStatus.READY ? blobs.size(key) : Optional.empty();
            return new StoredBlob(blobs, key, size.orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND,
                    "The video of animation " + id + " is not ready.")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(UUID id) {
        Animation a = get(id);
        try {
            jobs.find(a.getJobId()).filter(j -> !j.getStatus().terminal()).ifPresent(j -> jobs.cancel(j.getId()));
        } catch (RuntimeException e) {
            log.debug("Job {} not cancelled: {}", a.getJobId(), e.getMessage());
        }
        tx.executeWithoutResult(s -> animations.deleteById(id));
        try {
            blobs.deletePrefix(BlobKeys.animationPrefix(id));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the blobs of animation {}: {}", id, e.getMessage());
        }
    }
}
