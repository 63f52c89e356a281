package io.invertavatar.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.media.MediaService;
import io.invertavatar.media.UploadPart;
import io.invertavatar.media.UploadResult;
import io.invertavatar.media.decode.SamplingPlan;
import io.invertavatar.security.AuditLog;
import io.invertavatar.security.SignedUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/media")
@Tag(name = "media", description = "Upload photos or a video; read probe facts, frames and the preview")
@ConditionalOnRole("api")
public class MediaController {

    private static final String PROBLEM_EXAMPLE = """
            {"type":"urn:invertavatar:error:unsupported_media","title":"The file is not a supported image or video.",
             "status":415,"detail":"The file is not a JPEG, PNG or WebP photo, nor an MP4, MOV, WebM or MKV video \
            (judged by its content, not its name).","instance":"/api/v1/media","code":"UNSUPPORTED_MEDIA"}""";

    private final MediaService media;
    private final Ownership ownership;
    private final SignedUrls signedUrls;
    private final AuditLog audit;

    public MediaController(MediaService media, Ownership ownership, SignedUrls signedUrls, AuditLog audit) {
        this.media = media;
        this.ownership = ownership;
        this.signedUrls = signedUrls;
        this.audit = audit;
    }

    private void requireOwn(UUID id) {
        ownership.require(media.ownerOf(id), "No media with id " + id + ".");
    }

    @Operation(summary = "Upload one or more photos (JPEG, PNG, WebP) or one video (MP4, MOV, WebM, MKV)",
            description = "The type is judged from the bytes, not the file name or declared type. Answers at once "
                    + "with 202; follow the job to see frames appear. With an Idempotency-Key, a repeat of the same "
                    + "upload returns the first job; the same key with different bytes is a 409.")
    @ApiResponse(responseCode = "202", description = "stored and queued",
            content = @Content(examples = @ExampleObject(value = """
                    {"mediaId":"6f1c7a52-6c1e-4f07-9d8e-2f3b9a1c0d11","jobId":"0b7c2d9e-1111-4a4a-9e9e-123456789abc",
                     "media":"/api/v1/media/6f1c7a52-6c1e-4f07-9d8e-2f3b9a1c0d11",
                     "job":"/api/v1/jobs/0b7c2d9e-1111-4a4a-9e9e-123456789abc"}""")))
    @ApiResponse(responseCode = "400", description = "no file, empty file, mixed photos and video",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key reused with a different upload",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "larger than the upload limit",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", description = "not a supported photo or video",
            content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject(value = PROBLEM_EXAMPLE)))
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<UploadAccepted> upload(
            @RequestPart(name = "file", required = false) List<MultipartFile> file,
            @Parameter(description = "Frame sampling for a video: all, every (every k-th), uniform (N spread "
                    + "evenly). Default: the configured one (uniform, 64).", example = "uniform")
            @RequestParam(name = "sampling", required = false) String sampling,
            @Parameter(description = "k for sampling=every", example = "5")
            @RequestParam(name = "every", required = false) Integer every,
            @Parameter(description = "N for sampling=uniform", example = "32")
            @RequestParam(name = "count", required = false) Integer count,
            @Parameter(description = "Makes a retried upload safe: same key + same bytes returns the first job")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        List<UploadPart> parts = new ArrayList<>();
        if (file != null) {
            for (MultipartFile f : file) {
                parts.add(new UploadPart(f, f.getSize()));
            }
        }
        UploadResult r = media.upload(parts, sampling(sampling, every, count), idempotencyKey,
                ownership.ownerId());
        if (!r.replayed()) {
            audit.record(ownership.caller(), AuditLog.Action.CREATE, "media", r.mediaId().toString());
        }
        String mediaUrl = "/api/v1/media/" + r.mediaId();
        String jobUrl = "/api/v1/jobs/" + r.jobId();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(jobUrl))
                .body(new UploadAccepted(r.mediaId(), r.jobId(), mediaUrl, jobUrl));
    }

    static SamplingPlan sampling(String mode, Integer every, Integer count) {
        if (mode == null || mode.isBlank()) {
            if (every != null || count != null) {
                throw new ServiceException(ErrorCode.BAD_REQUEST, "Give 'sampling' with 'every' or 'count'.");
            }
            return null;
        }
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> SamplingPlan.all();
            case "every" -> {
                if (every == null || every < 1) {
                    throw new ServiceException(ErrorCode.BAD_REQUEST, "sampling=every needs every >= 1.");
                }
                yield SamplingPlan.everyKth(every);
            }
            case "uniform" -> {
                if (count == null || count < 1) {
                    throw new ServiceException(ErrorCode.BAD_REQUEST, "sampling=uniform needs count >= 1.");
                }
                yield SamplingPlan.uniform(count);
            }
            default -> throw new ServiceException(ErrorCode.BAD_REQUEST,
                    "sampling must be all, every or uniform.");
        };
    }

    @Operation(summary = "Probe facts, status and the list of extracted frames")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public MediaResponse get(@PathVariable UUID id) {
        requireOwn(id);
        return MediaResponse.of(media.get(id), signedUrls);
    }

    @Operation(summary = "One extracted frame, upright, as PNG (n from 0)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "image/png"))
    @GetMapping(path = "/{id}/frames/{n}", produces = {MediaType.IMAGE_PNG_VALUE, "application/problem+json"})
    public ResponseEntity<InputStreamResource> frame(@PathVariable UUID id, @PathVariable int n) throws IOException {
        requireOwn(id);
        InputStream in = media.frame(id, n);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .body(new InputStreamResource(in));
    }

    @Operation(summary = "Contact sheet of the extracted frames, as JPEG")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "image/jpeg"))
    @GetMapping(path = "/{id}/preview", produces = {MediaType.IMAGE_JPEG_VALUE, "application/problem+json"})
    public ResponseEntity<InputStreamResource> preview(@PathVariable UUID id) throws IOException {
        requireOwn(id);
        InputStream in = media.preview(id);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .body(new InputStreamResource(in));
    }

    @Operation(summary = "Delete the media with its frames, preview and originals")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "409", description = "its ingest job is running",
            content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        requireOwn(id);
        media.delete(id);
        audit.record(ownership.caller(), AuditLog.Action.DELETE, "media", id.toString());
        return ResponseEntity.noContent().build();
    }
}
