package io.invertavatar.web;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.invertavatar.animation.AnimationService;
import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.security.AuditLog;
import io.invertavatar.storage.StoredBlob;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/animations")
@Tag(name = "animations", description = "Videos of avatars following a driving video")
@ConditionalOnRole("api")
public class AnimationController {

    static final String RESOURCE = "ANIMATION";

    private final AnimationService animations;
    private final Ownership ownership;
    private final DownloadLinks links;
    private final AuditLog audit;

    public AnimationController(AnimationService animations, Ownership ownership, DownloadLinks links, AuditLog audit) {
        this.animations = animations;
        this.ownership = ownership;
        this.links = links;
        this.audit = audit;
    }

    private void requireOwn(UUID id) {
        ownership.require(animations.ownerOf(id), "No animation with id " + id + ".");
    }

    @Operation(summary = "An animation: status, frame count, fps, duration, audio, video URL")
    @ApiResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public AnimationResponse get(@PathVariable UUID id) {
        requireOwn(id);
        return AnimationResponse.of(animations.get(id), links);
    }

    @Operation(summary = "The video (MP4, H.264 + AAC when the driver had audio, provenance metadata); HTTP Range")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "video/mp4"))
    @ApiResponse(responseCode = "206", description = "the requested byte range", content = @Content(mediaType = "video/mp4"))
    @ApiResponse(responseCode = "416", description = "the range starts past the end")
    @GetMapping(path = "/{id}/video", produces = {"video/mp4", "application/problem+json"})
    public void video(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
                      HttpServletResponse response) throws IOException {
        requireOwn(id);
        StoredBlob blob = animations.video(id);
        if (range == null || range.startsWith("bytes=0-")) {
            audit.record(ownership.caller(), AuditLog.Action.DOWNLOAD, RESOURCE, id.toString());
        }
        RangeDownloads.write(blob, range, "video/mp4", "private, max-age=3600", response);
    }

    @Operation(summary = "Delete the animation and its video")
    @ApiResponse(responseCode = "204", description = "deleted")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        requireOwn(id);
        animations.delete(id);
        audit.record(ownership.caller(), AuditLog.Action.DELETE, RESOURCE, id.toString());
        return ResponseEntity.noContent().build();
    }
}
