package io.invertavatar.web;

import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.media.MediaService;
import io.invertavatar.tracking.service.MediaTrackingService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.UUID;

/** Face-tracking results of an ingested media item, and the frames with the mesh drawn on them. */
@RestController
@RequestMapping("/api/v1/media")
@Tag(name = "tracking", description = "Faces, 468-point mesh, head pose and expression per frame")
@ConditionalOnRole("api")
public class TrackingController {
    private final MediaService media;
    private final MediaTrackingService tracking;
    private final Ownership ownership;

    public TrackingController(MediaService media, MediaTrackingService tracking, Ownership ownership) {
        this.media = media;
        this.tracking = tracking;
        this.ownership = ownership;
    }

    @Operation(summary = "Tracking results: summary (coverage) and per-frame faces, pose, expression, five points, quality",
            description = "Landmark arrays (468 points per frame) are stored as safetensors next to this JSON.")
    @ApiResponse(responseCode = "200", description = "tracked")
    @ApiResponse(responseCode = "404", description = "unknown media, or not ingested yet",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "no face in any frame (code NO_FACE)",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/{id}/tracking", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> tracking(@PathVariable UUID id) throws IOException {
        ownership.require(media.ownerOf(id), "No media with id " + id + ".");
        media.get(id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(tracking.json(id));
    }

    @Operation(summary = "Frame n with the mesh, detection box and head-pose axes drawn (PNG)")
    @GetMapping(path = "/{id}/frames/{n}/overlay", produces = {MediaType.IMAGE_PNG_VALUE, "application/problem+json"})
    public ResponseEntity<byte[]> overlay(@PathVariable UUID id, @PathVariable int n) throws IOException {
        ownership.require(media.ownerOf(id), "No media with id " + id + ".");
        media.frame(id, n).close();
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(tracking.overlay(id, n));
    }
}
