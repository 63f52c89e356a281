package io.invertavatar.web;

import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.media.MediaProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The upload limits the server enforces, so a client (the web page) can check files before sending them and
 * show the same numbers the server will judge by. The server still checks everything itself.
 */
@RestController
@RequestMapping("/api/v1/limits")
@Tag(name = "media")
@ConditionalOnRole("api")
public class LimitsController {

    private final MediaProperties media;

    public LimitsController(MediaProperties media) {
        this.media = media;
    }

    @Operation(summary = "Upload limits: size of one request, pixels a side, video length, frames sampled, photos")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Limits limits() {
        return new Limits(media.maxUploadSize().toBytes(), media.maxSide(), media.maxDuration().toSeconds(),
                media.maxFrames(), media.maxFiles());
    }

    @Schema(description = "Upload limits (invertavatar.media.*)")
    public record Limits(@Schema(example = "209715200") long maxUploadBytes,
                         @Schema(example = "4096") int maxSidePixels,
                         @Schema(example = "600") long maxVideoSeconds,
                         @Schema(example = "64") int maxFrames,
                         @Schema(example = "32") int maxFiles) {
    }
}
