package io.invertavatar.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Page;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.invertavatar.animation.AnimationService;
import io.invertavatar.avatar.Avatar;
import io.invertavatar.avatar.AvatarPose;
import io.invertavatar.avatar.AvatarProperties;
import io.invertavatar.avatar.AvatarService;
import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.media.UploadPart;
import io.invertavatar.security.AuditLog;
import io.invertavatar.storage.StoredBlob;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/avatars")
@Tag(name = "avatars", description = "Build avatars from photos or a video, improve them, render them")
@ConditionalOnRole("api")
public class AvatarController {

    static final String RESOURCE = "AVATAR";
    /** Render limits (degrees): beyond them the open pack only stretches the picture. */
    static final double MAX_YAW = 60, MAX_PITCH = 40, MAX_ROLL = 45;
    static final int MIN_SIZE = 64;

    private final AvatarService avatars;
    private final AnimationService animations;
    private final Ownership ownership;
    private final DownloadLinks links;
    private final AuditLog audit;
    private final AvatarProperties props;

    public AvatarController(AvatarService avatars, AnimationService animations, Ownership ownership,
                            DownloadLinks links, AuditLog audit, AvatarProperties props) {
        this.avatars = avatars;
        this.animations = animations;
        this.ownership = ownership;
        this.links = links;
        this.audit = audit;
        this.props = props;
    }

    private void requireOwn(UUID id) {
        ownership.require(avatars.ownerOf(id), "No avatar with id " + id + ".");
    }

    @Operation(summary = "Create an avatar from photos, one video, or existing media",
            description = "Multipart: 'file' parts (1..N photos or exactly one video) OR 'mediaIds' (repeated or "
                    + "comma-separated); 'consent' is required: SUBJECT_AGREED or CALLER_IS_SUBJECT. Optional 'name' "
                    + "(≤ 100 chars) and 'modelPack' (default: the best installed, today 'open'). Uploads go through "
                    + "the normal media ingest; the AVATAR_BUILD job waits for them.")
    @ApiResponse(responseCode = "202", description = "the avatar exists (BUILDING) and its build job is queued")
    @ApiResponse(responseCode = "422", description = "CONSENT_REQUIRED or UNKNOWN_MODEL_PACK",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AvatarAccepted> create(
            @Parameter(description = "photos or one video") @RequestParam(name = "file", required = false)
            List<MultipartFile> file,
            @Parameter(description = "existing media ids instead of files")
            @RequestParam(name = "mediaIds", required = false) List<String> mediaIds,
            @Parameter(description = "SUBJECT_AGREED or CALLER_IS_SUBJECT", required = true)
            @RequestParam(name = "consent", required = false) String consent,
            @RequestParam(name = "name", required = false) String name,
            @Parameter(example = "open") @RequestParam(name = "modelPack", required = false) String modelPack,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        AvatarService.Accepted r = avatars.create(ownership.caller(), sources(file, mediaIds), consent, name,
                modelPack, idempotencyKey);
        audit.record(ownership.caller(), AuditLog.Action.CREATE, RESOURCE, r.avatarId().toString());
        return accepted(AvatarAccepted.of(r.avatarId(), r.jobId()), r.jobId());
    }

    @Operation(summary = "Add photos or a video to an avatar: a new version is built from its saved state")
    @ApiResponse(responseCode = "202", description = "the add-frames job is queued")
    @ApiResponse(responseCode = "409", description = "the avatar is being built",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(path = "/{id}/frames", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AvatarAccepted> addFrames(
            @PathVariable UUID id,
            @RequestParam(name = "file", required = false) List<MultipartFile> file,
            @RequestParam(name = "mediaIds", required = false) List<String> mediaIds) {
        requireOwn(id);
        AvatarService.Accepted r = avatars.addFrames(ownership.caller(), id, sources(file, mediaIds));
        audit.record(ownership.caller(), AuditLog.Action.ADD_FRAMES, RESOURCE, id.toString());
        return accepted(AvatarAccepted.of(r.avatarId(), r.jobId()), r.jobId());
    }

    static <T> ResponseEntity<T> accepted(T body, UUID jobId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/jobs/" + jobId)).body(body);
    }

    static AvatarService.Sources sources(List<MultipartFile> file, List<String> mediaIds) {
        List<UploadPart> parts = new ArrayList<>();
        if (file != null) {
            for (MultipartFile f : file) {
                parts.add(new UploadPart(f, f.getSize()));
            }
        }
        return new AvatarService.Sources(parts, ids(mediaIds));
    }

    static List<UUID> ids(List<String> values) {
        List<UUID> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String s : v.split(",")) {
                    if (!s.isBlank()) {
                        try {
                            out.add(UUID.fromString(s.trim()));
                        } catch (IllegalArgumentException e) {
                            throw new ServiceException(ErrorCode.NOT_FOUND, "No media with id '"
                                    + (s.length() > 40 ? s.substring(0, 40) : s).replaceAll("\\p{Cntrl}", "?") + "'.");
                        }
                    }
                }
            }
        }
        return out;
    }

    @Operation(summary = "Your avatars, newest first")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Items<AvatarResponse> list(@RequestParam(name = "page", defaultValue = "0") int page,
                                      @RequestParam(name = "size", defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > 100) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "page must be ≥ 0 and size 1..100.");
        }
        Page<Avatar> p = avatars.list(ownership.caller(), page, size);
        return new Items<>(p.getContent().stream().map(a -> AvatarResponse.of(a, links)).toList(), page, size,
                p.getTotalElements());
    }

    @Operation(summary = "An avatar: status, coverage, suggestions, frames used, consent, media URLs")
    @ApiResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public AvatarResponse get(@PathVariable UUID id) {
        requireOwn(id);
        return AvatarResponse.of(avatars.get(id), links);
    }

    @Operation(summary = "The preview PNG (the avatar at rest, with provenance tags)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "image/png"))
    @ApiResponse(responseCode = "404", description = "NOT_FOUND, or AVATAR_NOT_READY before the first build",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/{id}/preview", produces = {MediaType.IMAGE_PNG_VALUE, "application/problem+json"})
    public void preview(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
                        HttpServletResponse response) throws IOException {
        requireOwn(id);
        StoredBlob blob = avatars.preview(id);
        audit.record(ownership.caller(), AuditLog.Action.DOWNLOAD, RESOURCE, id.toString());
        RangeDownloads.write(blob, range, MediaType.IMAGE_PNG_VALUE, "private, no-cache", response);
    }

    @Operation(summary = "The orbit clip (MP4, H.264): the avatar turning left and right; HTTP Range supported")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "video/mp4"))
    @ApiResponse(responseCode = "206", description = "the requested byte range", content = @Content(mediaType = "video/mp4"))
    @ApiResponse(responseCode = "416", description = "the range starts past the end")
    @GetMapping(path = "/{id}/orbit", produces = {"video/mp4", "application/problem+json"})
    public void orbit(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
                      HttpServletResponse response) throws IOException {
        requireOwn(id);
        StoredBlob blob = avatars.orbit(id);
        if (range == null || range.startsWith("bytes=0-")) {
            // browsers fetch a video in many ranges: one audit line per playback, not per chunk
            audit.record(ownership.caller(), AuditLog.Action.DOWNLOAD, RESOURCE, id.toString());
        }
        RangeDownloads.write(blob, range, "video/mp4", "private, no-cache", response);
    }

    @Operation(summary = "Render the avatar under a head pose and expression (PNG with provenance tags)",
            description = "Angles in degrees relative to the avatar's own pose in its picture: yaw > 0 turns the "
                    + "face towards the image's right (|yaw| ≤ 60), pitch > 0 looks up (|pitch| ≤ 40), roll > 0 tilts "
                    + "counter-clockwise (|roll| ≤ 45); jawOpen and smile in 0..1; size = longest side in pixels "
                    + "(64..max-render-size, default the avatar's own size). Out of range → 400.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "image/png"))
    @ApiResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/{id}/render", produces = {MediaType.IMAGE_PNG_VALUE, "application/problem+json"})
    public ResponseEntity<byte[]> render(@PathVariable UUID id,
                                         @RequestParam(name = "yaw", defaultValue = "0") double yaw,
                                         @RequestParam(name = "pitch", defaultValue = "0") double pitch,
                                         @RequestParam(name = "roll", defaultValue = "0") double roll,
                                         @RequestParam(name = "jawOpen", defaultValue = "0") double jawOpen,
                                         @RequestParam(name = "smile", defaultValue = "0") double smile,
                                         @RequestParam(name = "size", required = false) Integer size) throws IOException {
        requireOwn(id);
        check("yaw", yaw, -MAX_YAW, MAX_YAW);
        check("pitch", pitch, -MAX_PITCH, MAX_PITCH);
        check("roll", roll, -MAX_ROLL, MAX_ROLL);
        check("jawOpen", jawOpen, 0, 1);
        check("smile", smile, 0, 1);
        if (size != null) {
            check("size", size, MIN_SIZE, props.maxRenderSize());
        }
        byte[] png = avatars.render(id, new AvatarPose(yaw, pitch, roll, jawOpen, smile), size);
        audit.record(ownership.caller(), AuditLog.Action.DOWNLOAD, RESOURCE, id.toString());
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(png);
    }

    private static void check(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, name + " must be between " + fmt(min) + " and "
                    + fmt(max) + ".");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Operation(summary = "Delete the avatar, its animations and every blob of both")
    @ApiResponse(responseCode = "204", description = "deleted")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        requireOwn(id);
        avatars.delete(id);
        audit.record(ownership.caller(), AuditLog.Action.DELETE, RESOURCE, id.toString());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The avatar's animations, newest first")
    @GetMapping(path = "/{id}/animations", produces = MediaType.APPLICATION_JSON_VALUE)
    public Items<AnimationResponse> animations(@PathVariable UUID id) {
        requireOwn(id);
        return Items.of(animations.ofAvatar(ownership.caller(), id).stream()
                .map(a -> AnimationResponse.of(a, links)).toList());
    }

    @Operation(summary = "Make a video of the avatar following a driving video",
            description = "Multipart: 'file' = one driving video, OR 'mediaId' = an existing video. The video is "
                    + "rendered at the driving video's frame rate, with its audio.")
    @ApiResponse(responseCode = "202", description = "the animation exists (RENDERING) and its job is queued")
    @ApiResponse(responseCode = "409", description = "the avatar is not built yet",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(path = "/{id}/animations", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AnimationAccepted> animate(
            @PathVariable UUID id,
            @RequestParam(name = "file", required = false) List<MultipartFile> file,
            @RequestParam(name = "mediaId", required = false) String mediaId) {
        requireOwn(id);
        if (file != null && file.size() > 1) {
            throw new ServiceException(ErrorCode.TOO_MANY_FILES, "Send exactly one driving video.");
        }
        UploadPart part = file == null || file.isEmpty() ? null : new UploadPart(file.get(0), file.get(0).getSize());
        List<UUID> ids = ids(mediaId == null ? null : List.of(mediaId));
        if (ids.size() > 1) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "Send one mediaId.");
        }
        AnimationService.Accepted r = animations.create(ownership.caller(), id, part, ids.isEmpty() ? null : ids.get(0));
        audit.record(ownership.caller(), AuditLog.Action.ANIMATE, AnimationController.RESOURCE,
                r.animationId().toString());
        return accepted(AnimationAccepted.of(r.animationId(), r.jobId()), r.jobId());
    }
}
