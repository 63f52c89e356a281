package io.invertavatar.avatar;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.invertavatar.animation.Mp4Writer;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.jobs.JobCancelledException;
import io.invertavatar.jobs.JobContext;
import io.invertavatar.jobs.TransientJobException;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;

/**
 * AVATAR_BUILD and AVATAR_ADD_FRAMES: wait for the uploads' ingest, fuse every tracked frame into the avatar's state
 * (a fresh one, or the current saved one), then write a new version folder {@code avatars/<id>/state/v<N+1>/}
 * (state, preview PNG, orbit MP4) and only then move the row's pointer to it in one guarded update; the old folder is
 * removed after. A failed or cancelled job removes its half-written folder and leaves the previous version current.
 */
@Component
public class AvatarBuildJob {

    private static final Logger log = LoggerFactory.getLogger(AvatarBuildJob.class);

    private final AvatarRepository avatars;
    private final AvatarModelPacks packs;
    private final MediaSources sources;
    private final BlobStore blobs;
    private final Provenance provenance;
    private final AvatarProperties props;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public AvatarBuildJob(AvatarRepository avatars, AvatarModelPacks packs, MediaSources sources, BlobStore blobs,
                          Provenance provenance, AvatarProperties props, TransactionTemplate tx) {
        this.avatars = avatars;
        this.packs = packs;
        this.sources = sources;
        this.blobs = blobs;
        this.provenance = provenance;
        this.props = props;
        this.tx = tx;
    }

    public void run(JobContext ctx) throws Exception {
        UUID avatarId = UUID.fromString(ctx.inputs().get("avatarId"));
        List<UUID> mediaIds = Arrays.stream(ctx.inputs().getOrDefault("mediaIds", "").split(","))
                .filter(s -> !s.isBlank()).map(UUID::fromString).toList();
        Avatar avatar = avatars.findById(avatarId).orElseThrow(() ->
                new ServiceException(ErrorCode.NOT_FOUND, "The avatar was deleted before it was built."));
        int from = avatar.getStateVersion();
        int next = from + 1;
        try {
            build(ctx, avatar, mediaIds, from, next);
        } catch (TransientJobException e) {
            removeQuietly(BlobKeys.avatarVersion(avatarId, next));
            throw e;
        } catch (JobCancelledException e) {
            removeQuietly(BlobKeys.avatarVersion(avatarId, next));
            failed(avatarId, ErrorCode.CANCELLED.name(), "The job was cancelled.");
            throw e;
        } catch (ServiceException e) {
            removeQuietly(BlobKeys.avatarVersion(avatarId, next));
            failed(avatarId, e.code().name(), e.getMessage());
            throw e;
        } catch (Exception | Error e) {
            removeQuietly(BlobKeys.avatarVersion(avatarId, next));
            failed(avatarId, ErrorCode.INTERNAL.name(), "The avatar could not be built because of an internal error.");
            throw e;
        }
    }

    private void build(JobContext ctx, Avatar avatar, List<UUID> mediaIds, int from, int next) throws IOException {
        UUID id = avatar.getId();
        AvatarModelPack pack = packs.of(avatar);
        sources.awaitIngested(mediaIds, ctx, 2);
        ctx.progress(10, from == 0 ? "starting the avatar" : "loading avatar version " + from);
        AvatarDraft draft;
        if (from == 0) {
            draft = pack.start();
        } else {
            Path previous = ctx.scratch().resolve("previous.safetensors");
            storage(() -> blobs.download(BlobKeys.avatarState(id, from), previous));
            draft = pack.resume(previous);
        }
        int before = draft.framesUsed();
        int[] seen = {0};
        for (int m = 0; m < mediaIds.size(); m++) {
            int media = m;
            int frames = sources.trackedFrames(mediaIds.get(m), (seq, picture, mesh) -> {
                draft.add(picture, mesh);
                ctx.progress(10 + (int) (55.0 * (media + 0.5) / mediaIds.size()),
                        "fused " + (draft.framesUsed() - before) + " frames");
            });
            seen[0] += frames;
        }
        int added = draft.framesUsed() - before;
        if (added == 0) {
            throw new ServiceException(ErrorCode.NO_FACE, seen[0] <= 1 ? "No face was found in the picture."
                    : "No face was found in any of the " + seen[0] + " frames.");
        }
        ctx.progress(66, "saving the avatar");
        Path state = ctx.scratch().resolve("state.safetensors");
        draft.save(state);
        long[] bytes = {0};
        storage(() -> bytes[0] += blobs.put(BlobKeys.avatarState(id, next), state, "application/octet-stream"));
        AvatarDraft.Coverage coverage = draft.coverage();

        ctx.progress(70, "rendering the preview");
        AvatarModel model = draft.model();
        Map<String, String> tags = provenance.tags(id, clock.instant());
        byte[] png = provenance.png(provenance.mark(model.render(AvatarPose.REST), avatar.isWatermark()), tags);
        storage(() -> bytes[0] += blobs.put(BlobKeys.avatarPreview(id, next), png, "image/png"));

        Path orbit = ctx.scratch().resolve("orbit.mp4");
        int frames = props.orbitFrames();
        try (Mp4Writer out = new Mp4Writer(orbit, model.width(), model.height(), props.orbitFps(), 0, 0,
                provenance.mp4Metadata(tags))) {
            for (int k = 0; k < frames; k++) {
                double phase = 2 * Math.PI * k / frames;
                // the head turns left and right and nods a little, like the library's OrbitClip
                out.writeFrame(provenance.mark(model.render(new AvatarPose(props.orbitMaxYaw() * Math.sin(phase),
                        props.orbitMaxYaw() / 4 * Math.sin(2 * phase), 0, 0, 0)), avatar.isWatermark()));
                ctx.progress(72 + 24 * (k + 1) / frames, "orbit frame " + (k + 1) + " of " + frames);
            }
            out.finish();
        }
        storage(() -> bytes[0] += blobs.put(BlobKeys.avatarOrbit(id, next), orbit, "video/mp4"));

        ctx.progress(98, "switching to version " + next);
        tx.executeWithoutResult(s -> {
            Avatar fresh = avatars.findById(id).orElseThrow(() ->
                    new ServiceException(ErrorCode.NOT_FOUND, "The avatar was deleted while it was built."));
            if (fresh.getStateVersion() != from) {
                throw new ServiceException(ErrorCode.CONFLICT, "The avatar changed while frames were added.");
            }
            fresh.built(next, draft.framesUsed(), mediaIds, coverage.texture(), coverage.pose(),
                    coverage.suggestions(), bytes[0], clock.instant());
            avatars.saveAndFlush(fresh);
        });
        if (from > 0) {
            removeQuietly(BlobKeys.avatarVersion(id, from));
        }
        log.info("Avatar version {} built: {} frames added, {} in all, texture coverage {}", next, added,
                draft.framesUsed(), String.format(java.util.Locale.ROOT, "%.2f", coverage.texture()));
    }

    private void failed(UUID avatarId, String code, String message) {
        try {
            tx.executeWithoutResult(s -> avatars.findById(avatarId).ifPresent(a -> {
                a.jobFailed(code, message, clock.instant());
                avatars.save(a);
            }));
        } catch (RuntimeException e) {
            log.warn("Could not record the failure on the avatar: {}", e.getMessage());
        }
    }

    private void removeQuietly(String prefix) {
        try {
            blobs.deletePrefix(prefix);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove {}: {}", prefix, e.getMessage());
        }
    }

    private static void storage(IoAction a) {
        try {
            a.run();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "The avatar's saved state is no longer in storage.");
        } catch (IOException e) {
            throw new TransientJobException("Blob storage failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
