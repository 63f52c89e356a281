package io.invertavatar.avatar;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.invertavatar.animation.Animation;
import io.invertavatar.animation.AnimationRepository;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobService;
import io.invertavatar.jobs.JobType;
import io.invertavatar.media.Media;
import io.invertavatar.media.MediaRepository;
import io.invertavatar.media.MediaService;
import io.invertavatar.media.UploadPart;
import io.invertavatar.security.Caller;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import io.invertavatar.storage.StoredBlob;

/**
 * Avatars for the web layer: create (uploads go through the normal media ingest, the build job waits for them), add
 * frames, read, render, delete. Consent is checked first and recorded with who and when (issue 9).
 */
@Service
public class AvatarService {

    private static final Logger log = LoggerFactory.getLogger(AvatarService.class);

    /** Where the avatar's frames come from: uploaded files (one upload: photos or one video) or existing media. */
    public record Sources(List<UploadPart> files, List<UUID> mediaIds) {
    }

    public record Accepted(UUID avatarId, UUID jobId) {
    }

    private final AvatarRepository avatars;
    private final AnimationRepository animations;
    private final MediaService mediaService;
    private final MediaRepository media;
    private final JobService jobs;
    private final AvatarModelPacks packs;
    private final BlobStore blobs;
    private final Provenance provenance;
    private final WatermarkPolicy watermarks;
    private final AvatarProperties props;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, AvatarModel> loaded;

    public AvatarService(AvatarRepository avatars, AnimationRepository animations, MediaService mediaService,
                         MediaRepository media, JobService jobs, AvatarModelPacks packs, BlobStore blobs,
                         Provenance provenance, WatermarkPolicy watermarks, AvatarProperties props,
                         TransactionTemplate tx) {
        this.avatars = avatars;
        this.animations = animations;
        this.mediaService = mediaService;
        this.media = media;
        this.jobs = jobs;
        this.packs = packs;
        this.blobs = blobs;
        this.provenance = provenance;
        this.watermarks = watermarks;
        this.props = props;
        this.tx = tx;
        int cacheSize = props.renderCacheSize();
        this.loaded = new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AvatarModel> eldest) {
                return size() > cacheSize;
            }
        };
    }

    public Accepted create(Caller caller, Sources sources, String consent, String name, String modelPack,
                           String idempotencyKey) {
        ConsentBasis basis = ConsentBasis.parse(consent).orElseThrow(() -> new ServiceException(
                ErrorCode.CONSENT_REQUIRED, "Send consent=SUBJECT_AGREED (the person shown agreed) or "
                + "consent=CALLER_IS_SUBJECT (you are the person shown)."));
        String cleanName = name == null || name.isBlank() ? null : name.trim();
        if (cleanName != null && cleanName.length() > 100) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "The name is longer than 100 characters.");
        }
        AvatarModelPack pack = packs.select(modelPack);
        String key = scopedKey(caller, idempotencyKey);
        List<UUID> mediaIds = resolve(caller, sources, key == null ? null : idempotencyKey.trim() + ":source");
        String hash = hash(basis.name(), String.valueOf(cleanName), pack.name(), mediaIds.toString());
        if (key != null) {
            Optional<Accepted> earlier = replay(key, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        UUID avatarId = UUID.randomUUID();
        try {
            return tx.execute(s -> {
                Job job = jobs.enqueue(JobType.AVATAR_BUILD, inputs(avatarId, mediaIds), key, hash, caller.ownerId());
                Avatar avatar = new Avatar(avatarId, caller.ownerId(), cleanName, pack.name(), job.getId(), basis,
                        caller.keyName(), clock.instant());
                avatar.setWatermark(watermarks.appliesTo(caller));
                avatars.save(avatar);
                return new Accepted(avatarId, job.getId());
            });
        } catch (DataIntegrityViolationException e) {
            if (key != null) {
                Optional<Accepted> earlier = replay(key, hash);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            throw e;
        }
    }

    /** More frames for an existing avatar: a new version is built from the saved state plus these frames. */
    public Accepted addFrames(Caller caller, UUID avatarId, Sources sources) {
        Avatar a = get(avatarId);
        if (a.getStatus() == AvatarStatus.BUILDING) {
            throw new ServiceException(ErrorCode.CONFLICT, "The avatar is being built; wait for job " + a.getJobId()
                    + " to end.");
        }
        packs.of(a);
        List<UUID> mediaIds = resolve(caller, sources, null);
        return tx.execute(s -> {
            Avatar fresh = avatars.findById(avatarId).orElseThrow(() -> notFound(avatarId));
            if (fresh.getStatus() == AvatarStatus.BUILDING) {
                throw new ServiceException(ErrorCode.CONFLICT, "The avatar is being built; try again when it is done.");
            }
            Job job = jobs.enqueue(JobType.AVATAR_ADD_FRAMES, inputs(avatarId, mediaIds), null, null,
                    caller.ownerId());
            fresh.jobStarted(job.getId(), clock.instant());
            avatars.save(fresh);
            return new Accepted(avatarId, job.getId());
        });
    }

    private static Map<String, String> inputs(UUID avatarId, List<UUID> mediaIds) {
        return Map.of("avatarId", avatarId.toString(),
                "mediaIds", String.join(",", mediaIds.stream().map(UUID::toString).toList()));
    }

    private List<UUID> resolve(Caller caller, Sources sources, String mediaIdempotencyKey) {
        boolean files = sources.files() != null && !sources.files().isEmpty();
        boolean ids = sources.mediaIds() != null && !sources.mediaIds().isEmpty();
        if (files && ids) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "Send either files or mediaIds, not both.");
        }
        if (!files && !ids) {
            throw new ServiceException(ErrorCode.MISSING_FILE,
                    "Send photos or one video in parts named 'file', or existing media ids in 'mediaIds'.");
        }
        if (files) {
            return List.of(mediaService.upload(sources.files(), null, mediaIdempotencyKey, caller.ownerId()).mediaId());
        }
        List<UUID> out = new ArrayList<>();
        for (UUID id : sources.mediaIds()) {
            Optional<Media> m = media.findById(id);
            if (m.isEmpty() || !caller.mayAccess(m.get().getOwnerId())) {
                throw new ServiceException(ErrorCode.NOT_FOUND, "No media with id " + id + ".");
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static String scopedKey(Caller caller, String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        if (key.trim().length() > 200) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "The Idempotency-Key is longer than 200 characters.");
        }
        return caller.ownerId() + ":avatar:" + key.trim();
    }

    private Optional<Accepted> replay(String key, String hash) {
        Optional<Job> existing = jobs.findByIdempotencyKey(key);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        if (!hash.equals(existing.get().getRequestHash())) {
            throw new ServiceException(ErrorCode.IDEMPOTENCY_CONFLICT,
                    "This Idempotency-Key was already used for a different avatar request.");
        }
        return Optional.of(new Accepted(UUID.fromString(existing.get().getInputs().get("avatarId")),
                existing.get().getId()));
    }

    private static String hash(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update((p + "|").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<UUID> ownerOf(UUID id) {
        return avatars.findById(id).map(Avatar::getOwnerId);
    }

    public Avatar get(UUID id) {
        return avatars.findById(id).orElseThrow(() -> notFound(id));
    }

    /** Newest first; an admin sees every owner's. */
    public Page<Avatar> list(Caller caller, int page, int size) {
        PageRequest p = PageRequest.of(page, size);
        return caller.isAdmin() ? avatars.findAllByOrderByCreatedAtDesc(p)
                : avatars.findByOwnerIdOrderByCreatedAtDesc(caller.ownerId(), p);
    }

    public StoredBlob preview(UUID id) {
        return current(id, BlobKeys::avatarPreview);
    }

    public StoredBlob orbit(UUID id) {
        return current(id, BlobKeys::avatarOrbit);
    }

    private StoredBlob current(UUID id, java.util.function.BiFunction<UUID, Integer, String> key) {
        Avatar a = get(id);
        if (a.getStateVersion() == 0) {
            throw new ServiceException(ErrorCode.AVATAR_NOT_READY, "Avatar " + id + " is not built yet.");
        }
        String k = key.apply(id, a.getStateVersion());
        try {
            long size = blobs.size(k).orElseThrow(() ->
                    new ServiceException(ErrorCode.AVATAR_NOT_READY, "Avatar " + id + " is being rebuilt."));
            return new StoredBlob(blobs, k, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PNG of the avatar under a pose and expression, with provenance tags; {@code size} (longest side) scales the
     * picture down or up, null keeps the avatar's own size.
     */
    public byte[] render(UUID id, AvatarPose pose, Integer size) throws IOException {
        Avatar a = get(id);
        if (a.getStateVersion() == 0) {
            throw new ServiceException(ErrorCode.AVATAR_NOT_READY, "Avatar " + id + " is not built yet.");
        }
        AvatarModel model = model(a);
        RgbImage img = provenance.mark(model.render(pose), a.isWatermark());
        BufferedImage out = img.toBufferedImage();
        if (size != null && size != Math.max(out.getWidth(), out.getHeight())) {
            out = scaled(out, size);
        }
        return provenance.png(out, provenance.tags(id, clock.instant()));
    }

    /** The avatar's current version, loaded once and kept in a small LRU (loading a state takes a while). */
    public AvatarModel model(Avatar a) throws IOException {
        String cacheKey = a.getId() + "@" + a.getStateVersion();
        synchronized (loaded) {
            AvatarModel m = loaded.get(cacheKey);
            if (m != null) {
                return m;
            }
        }
        Path tmp = Files.createTempFile("avatar-", ".safetensors");
        try {
            try {
                blobs.download(BlobKeys.avatarState(a.getId(), a.getStateVersion()), tmp);
            } catch (NoSuchFileException e) {
                throw new ServiceException(ErrorCode.AVATAR_NOT_READY, "Avatar " + a.getId() + " is being rebuilt.");
            }
            AvatarModel m = packs.of(a).load(tmp);
            synchronized (loaded) {
                loaded.put(cacheKey, m);
            }
            return m;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static BufferedImage scaled(BufferedImage src, int longest) {
        double f = (double) longest / Math.max(src.getWidth(), src.getHeight());
        int w = Math.max(1, (int) Math.round(src.getWidth() * f)), h = Math.max(1, (int) Math.round(src.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /**
     * Removes the avatar, its animations and every blob under {@code avatars/<id>/} and their
     * {@code animations/<id>/}. Unfinished jobs of them are cancelled first so that nothing is written afterwards.
     */
    public void delete(UUID id) {
        Avatar a = get(id);
        List<Animation> anims = animations.findByAvatarIdOrderByCreatedAtDesc(id);
        cancelQuietly(a.getJobId());
        anims.forEach(an -> cancelQuietly(an.getJobId()));
        tx.executeWithoutResult(s -> {
            animations.deleteAll(anims);
            avatars.deleteById(id);
        });
        synchronized (loaded) {
            loaded.keySet().removeIf(k -> k.startsWith(id + "@"));
        }
        removeQuietly(BlobKeys.avatarPrefix(id));
        anims.forEach(an -> removeQuietly(BlobKeys.animationPrefix(an.getId())));
    }

    /**
     * Every avatar and animation row and blob of {@code owner}, for {@code DELETE /api/v1/me/data} (called by
     * {@link AvatarDataEraser}, after the owner's jobs were cancelled). Blobs go before rows and a blob
     * failure throws, so a retry finds the rows again; idempotent; other owners' data is not touched.
     */
    public int deleteAllOf(UUID owner) {
        List<Animation> anims = new ArrayList<>(animations.findByOwnerId(owner));
        List<Avatar> own = avatars.findByOwnerId(owner);
        for (Avatar a : own) {
            // the owner's avatars take every animation of them along, whoever made it (ON DELETE CASCADE)
            animations.findByAvatarIdOrderByCreatedAtDesc(a.getId()).stream()
                    .filter(an -> anims.stream().noneMatch(x -> x.getId().equals(an.getId()))).forEach(anims::add);
        }
        try {
            for (Animation an : anims) {
                blobs.deletePrefix(BlobKeys.animationPrefix(an.getId()));
            }
            for (Avatar a : own) {
                blobs.deletePrefix(BlobKeys.avatarPrefix(a.getId()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the blobs of an avatar or animation", e);
        }
        tx.executeWithoutResult(s -> {
            animations.deleteAllInBatch(anims);
            avatars.deleteAllInBatch(own);
        });
        synchronized (loaded) {
            own.forEach(a -> loaded.keySet().removeIf(k -> k.startsWith(a.getId() + "@")));
        }
        return own.size() + anims.size();
    }

    private void cancelQuietly(UUID jobId) {
        try {
            jobs.find(jobId).filter(j -> !j.getStatus().terminal()).ifPresent(j -> jobs.cancel(jobId));
        } catch (RuntimeException e) {
            log.debug("Job {} not cancelled: {}", jobId, e.getMessage());
        }
    }

    private void removeQuietly(String prefix) {
        try {
            blobs.deletePrefix(prefix);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the blobs under {}: {}", prefix, e.getMessage());
        }
    }

    private static ServiceException notFound(UUID id) {
        return new ServiceException(ErrorCode.NOT_FOUND, "No avatar with id " + id + ".");
    }
}
