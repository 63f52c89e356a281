package io.invertavatar.animation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.invertavatar.avatar.Avatar;
import io.invertavatar.avatar.AvatarModel;
import io.invertavatar.avatar.AvatarModelPacks;
import io.invertavatar.avatar.AvatarRepository;
import io.invertavatar.avatar.MediaSources;
import io.invertavatar.avatar.Provenance;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.jobs.JobCancelledException;
import io.invertavatar.jobs.JobContext;
import io.invertavatar.jobs.JobHandler;
import io.invertavatar.jobs.JobType;
import io.invertavatar.jobs.TransientJobException;
import io.invertavatar.media.Media;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import io.invertavatar.tracking.FaceModelFiles;
import io.invertavatar.tracking.FaceTracker;
import io.invertavatar.tracking.service.MediaTrackingService;
import io.invertavatar.tracking.service.TrackingProperties;

/**
 * ANIMATION_RENDER: waits for the driving video's ingest (its tracking must show a face), loads the avatar's current
 * version, then streams decode → track → retarget → render → H.264 into a scratch file ({@link ReenactmentEncoder},
 * one frame in flight), with provenance metadata, and stores it under {@code animations/<id>/video.mp4}.
 */
@Component
public class AnimationRenderJob implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(AnimationRenderJob.class);
    private static final long PROGRESS_EVERY_MS = 500;

    private final AnimationRepository animations;
    private final AvatarRepository avatars;
    private final AvatarModelPacks packs;
    private final MediaSources sources;
    private final MediaTrackingService tracking;
    private final BlobStore blobs;
    private final Provenance provenance;
    private final TransactionTemplate tx;
    /** FaceTracker holds OpenCV nets that are not thread-safe: one per worker thread. */
    private final ThreadLocal<FaceTracker> trackers;
    private final Clock clock = Clock.systemUTC();

    public AnimationRenderJob(AnimationRepository animations, AvatarRepository avatars, AvatarModelPacks packs,
                              MediaSources sources, MediaTrackingService tracking, BlobStore blobs,
                              Provenance provenance, TransactionTemplate tx, FaceModelFiles models,
                              TrackingProperties trackingProps) {
        this.animations = animations;
        this.avatars = avatars;
        this.packs = packs;
        this.sources = sources;
        this.tracking = tracking;
        this.blobs = blobs;
        this.provenance = provenance;
        this.tx = tx;
        this.trackers = ThreadLocal.withInitial(() -> new FaceTracker(models, trackingProps.options()));
    }

    @Override
    public JobType type() {
        return JobType.ANIMATION_RENDER;
    }

    @Override
    public void handle(JobContext ctx) throws Exception {
        UUID animationId = UUID.fromString(ctx.inputs().get("animationId"));
        Animation animation = animations.findById(animationId).orElseThrow(() ->
                new ServiceException(ErrorCode.NOT_FOUND, "The animation was deleted before it was rendered."));
        try {
            render(ctx, animation);
        } catch (TransientJobException e) {
            removeQuietly(animationId);
            throw e;
        } catch (JobCancelledException e) {
            removeQuietly(animationId);
            failed(animationId, ErrorCode.CANCELLED.name(), "The job was cancelled.");
            throw e;
        } catch (ServiceException e) {
            removeQuietly(animationId);
            failed(animationId, e.code().name(), e.getMessage());
            throw e;
        } catch (Exception | Error e) {
            removeQuietly(animationId);
            failed(animationId, ErrorCode.INTERNAL.name(), "The video could not be made because of an internal error.");
            throw e;
        }
    }

    private void render(JobContext ctx, Animation animation) throws IOException {
        UUID id = animation.getId();
        UUID driverId = animation.getDriverMediaId();
        sources.awaitIngested(List.of(driverId), ctx, 1);
        // the ingest tracked a sample of the driver's frames: no face there means none to follow
        tracking.json(driverId);
        Avatar avatar = avatars.findById(animation.getAvatarId()).orElseThrow(() ->
                new ServiceException(ErrorCode.NOT_FOUND, "The avatar was deleted before the video was made."));
        if (avatar.getStateVersion() == 0) {
            throw new ServiceException(ErrorCode.AVATAR_NOT_READY, "The avatar is not built yet.");
        }
        ctx.progress(4, "loading the avatar");
        Path state = ctx.scratch().resolve("avatar.safetensors");
        storage(() -> blobs.download(BlobKeys.avatarState(avatar.getId(), avatar.getStateVersion()), state));
        AvatarModel model = packs.of(avatar).load(state);
        Files.deleteIfExists(state);

        ctx.progress(6, "fetching the driving video");
        Media driver = sources.get(driverId);
        Path input = ctx.scratch().resolve("driver");
        storage(() -> blobs.download(BlobKeys.mediaOriginal(driverId, 0), input));
        Path output = ctx.scratch().resolve("video.mp4");
        double fps = driver.getFps() == null ? 25 : driver.getFps();
        int rotation = driver.getRotation() == null ? 0 : driver.getRotation();
        TrackedDriver tracker = new TrackedDriver(trackers.get(), fps, model::driverFrame, rotation);
        ReenactedFrames frames = animation.isWatermark() ? watermarked(model.reenactment()) : model.reenactment();
        Map<String, String> tags = provenance.mp4Metadata(provenance.tags(avatar.getId(), clock.instant()));
        long[] lastReport = {0};
        ReenactmentEncoder.Result result;
        try {
            result = new ReenactmentEncoder().encode(input, output, tracker, frames, (done, total) -> {
                long now = System.currentTimeMillis();
                if (now - lastReport[0] >= PROGRESS_EVERY_MS || done == total) {
                    lastReport[0] = now;
                    ctx.progress(8 + (int) (88.0 * done / Math.max(1, total)), "frame " + done + " of " + total);
                } else {
                    ctx.checkCancelled();
                }
            }, tags);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("no video stream")) {
                throw new ServiceException(ErrorCode.NO_VIDEO_STREAM, "The driving file has no video stream.", e);
            }
            if (m.startsWith("the driving video")) {
                throw new ServiceException(ErrorCode.CORRUPT_MEDIA, "The driving video could not be decoded.", e);
            }
            throw e;
        }
        if (result.facesFound() == 0) {
            throw new ServiceException(ErrorCode.NO_FACE, "No face was found in any of the " + result.frames()
                    + " frames of the driving video.");
        }
        ctx.progress(97, "storing the video");
        long[] bytes = {0};
        storage(() -> bytes[0] = blobs.put(BlobKeys.animationVideo(id), output, "video/mp4"));
        tx.executeWithoutResult(s -> {
            Animation fresh = animations.findById(id).orElseThrow(() ->
                    new ServiceException(ErrorCode.NOT_FOUND, "The animation was deleted while it was rendered."));
            fresh.rendered(result.frames(), result.frameRate(), result.audio(), bytes[0], clock.instant());
            animations.save(fresh);
        });
        log.info("Animation rendered: {} frames at {} fps, faces in {}, audio {}", result.frames(),
                result.frameRate(), result.facesFound(), result.audio());
    }

    private ReenactedFrames watermarked(ReenactedFrames frames) {
        return new ReenactedFrames() {
            @Override
            public int width() {
                return frames.width();
            }

            @Override
            public int height() {
                return frames.height();
            }

            @Override
            public RgbImage next(DriverTracking tracking) {
                return provenance.mark(frames.next(tracking), true);
            }
        };
    }

    private void failed(UUID id, String code, String message) {
        try {
            tx.executeWithoutResult(s -> animations.findById(id).ifPresent(a -> {
                a.failed(code, message, clock.instant());
                animations.save(a);
            }));
        } catch (RuntimeException e) {
            log.warn("Could not record the failure on the animation: {}", e.getMessage());
        }
    }

    private void removeQuietly(UUID id) {
        try {
            blobs.deletePrefix(BlobKeys.animationPrefix(id));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the blobs of animation {}: {}", id, e.getMessage());
        }
    }

    private static void storage(IoAction a) {
        try {
            a.run();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "An input of the video is no longer in storage.");
        } catch (IOException e) {
            throw new TransientJobException("Blob storage failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
