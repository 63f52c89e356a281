package io.invertavatar.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.invertavatar.jobs.JobStatus;
import io.invertavatar.media.Media;
import io.invertavatar.media.MediaDetails;
import io.invertavatar.media.MediaFrame;
import io.invertavatar.media.decode.MediaKind;
import io.invertavatar.security.SignedUrls;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "An upload, its probe facts (once ingested) and its extracted frames")
public record MediaResponse(
        UUID id,
        @Schema(example = "VIDEO") MediaKind kind,
        @Schema(example = "mp4") String format,
        @Schema(example = "SUCCEEDED", description = "the status of the ingest job") JobStatus status,
        UUID jobId,
        @Schema(example = "1") int parts,
        @Schema(example = "1843200") long sizeBytes,
        @Schema(example = "h264") String codec,
        @Schema(example = "720", description = "as displayed (rotation applied)") Integer width,
        @Schema(example = "1280") Integer height,
        @Schema(example = "90") Integer rotation,
        @Schema(example = "12.5") Double durationSeconds,
        @Schema(example = "30.0") Double fps,
        @Schema(example = "375") Long frameCount,
        Boolean hasAudio,
        String errorCode, String errorMessage,
        Instant createdAt,
        List<FrameInfo> frames,
        @Schema(example = "/api/v1/media/6f1c7a52-6c1e-4f07-9d8e-2f3b9a1c0d11/preview",
                description = "signed in keys mode: use as is") String preview) {

    public record FrameInfo(@Schema(example = "0") int n, @Schema(example = "0") int sourceIndex,
                            @Schema(example = "0") long timestampMicros, int width, int height,
                            @Schema(example = "/api/v1/media/…/frames/0", description = "signed in keys mode: use as is")
                            String url,
                            @Schema(example = "/api/v1/media/…/frames/0/overlay",
                                    description = "the frame with the tracked mesh drawn (404 until tracked)")
                            String overlayUrl) {
    }

    /** Every URL a browser fetches without headers comes out signed (keys mode) for the media's owner. */
    static MediaResponse of(MediaDetails d, SignedUrls urls) {
        Media m = d.media();
        String base = "/api/v1/media/" + m.getId();
        UUID owner = m.getOwnerId();
        List<FrameInfo> frames = d.frames().stream().map((MediaFrame f) -> new FrameInfo(f.getSeq(),
                f.getSourceIndex(), f.getTimestampMicros(), f.getWidth(), f.getHeight(),
                urls.sign(base + "/frames/" + f.getSeq(), owner),
                urls.sign(base + "/frames/" + f.getSeq() + "/overlay", owner))).toList();
        JobStatus status = d.job() == null ? null : d.job().getStatus();
        return new MediaResponse(m.getId(), m.getKind(), m.getFormat(), status, m.getJobId(), m.getPartCount(),
                m.getSizeBytes(), m.getCodec(), m.getWidth(), m.getHeight(), m.getRotation(),
                m.getDurationSeconds(), m.getFps(), m.getFrameCount(), m.getHasAudio(),
                d.job() == null ? null : d.job().getErrorCode(), d.job() == null ? null : d.job().getErrorMessage(),
                m.getCreatedAt(), frames, status == JobStatus.SUCCEEDED ? urls.sign(base + "/preview", owner) : null);
    }
}
