package io.invertavatar.avatar;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobContext;
import io.invertavatar.jobs.JobService;
import io.invertavatar.jobs.JobStatus;
import io.invertavatar.jobs.TransientJobException;
import io.invertavatar.media.Media;
import io.invertavatar.media.MediaRepository;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import io.invertavatar.tracking.service.MediaTrackingService;

/**
 * What avatar and animation jobs need of media: wait until the uploads' own MEDIA_INGEST jobs have succeeded (they
 * run on another queue), then read the extracted frames with the tracking the ingest stored next to them.
 */
@Component
public class MediaSources {

    private static final long POLL_MS = 300;

    private final MediaRepository media;
    private final JobService jobs;
    private final BlobStore blobs;
    private final MediaTrackingService tracking;
    private final AvatarProperties props;

    public MediaSources(MediaRepository media, JobService jobs, BlobStore blobs, MediaTrackingService tracking,
                        AvatarProperties props) {
        this.media = media;
        this.jobs = jobs;
        this.blobs = blobs;
        this.tracking = tracking;
        this.props = props;
    }

    public Media get(UUID mediaId) {
        return media.findById(mediaId).orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND,
                "Media " + mediaId + " was deleted before it could be used."));
    }

    /** Blocks (progress and cancel still work) until every media's ingest succeeded; a failed one fails the job. */
    public void awaitIngested(List<UUID> mediaIds, JobContext ctx, int percent) {
        long deadline = System.nanoTime() + props.mediaWait().toNanos();
        ctx.progress(percent, "waiting for the upload to be processed");
        for (UUID id : mediaIds) {
            while (true) {
                Job job = jobs.find(get(id).getJobId()).orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND,
                        "Media " + id + " was deleted before it could be used."));
                if (job.getStatus() == JobStatus.SUCCEEDED) {
                    break;
                }
                if (job.getStatus().terminal()) {
                    ErrorCode code = job.getStatus() == JobStatus.CANCELLED ? ErrorCode.CANCELLED : code(job);
                    throw new ServiceException(code, "Media " + id + " could not be used: "
                            + (job.getErrorMessage() == null ? "its processing " + job.getStatus().name()
                            .toLowerCase(java.util.Locale.ROOT) : job.getErrorMessage()));
                }
                if (System.nanoTime() > deadline) {
                    throw new ServiceException(ErrorCode.JOB_FAILED, "Media " + id + " was not processed within "
                            + human(props.mediaWait()) + ".");
                }
                ctx.checkCancelled();
                sleep();
            }
        }
    }

    /** One extracted frame of a media item with its tracked mesh (468 × x, y, z pixels). */
    @FunctionalInterface
    public interface FrameSink {
        void accept(int seq, BufferedImage picture, float[] meshPixels) throws IOException;
    }

    /** Feeds the frames with a tracked face to {@code sink}, one at a time; returns how many frames there were. */
    public int trackedFrames(UUID mediaId, FrameSink sink) throws IOException {
        float[][] meshes;
        try {
            meshes = tracking.meshes(mediaId);
        } catch (IOException e) {
            throw new TransientJobException("Blob storage failed: " + e.getMessage(), e);
        }
        for (int seq = 0; seq < meshes.length; seq++) {
            if (meshes[seq] == null) {
                continue;
            }
            BufferedImage picture;
            try (InputStream in = open(BlobKeys.mediaFrame(mediaId, seq))) {
                picture = ImageIO.read(in);
            }
            if (picture != null) {
                sink.accept(seq, picture, meshes[seq]);
            }
        }
        return meshes.length;
    }

    private InputStream open(String key) throws IOException {
        try {
            return blobs.open(key);
        } catch (NoSuchFileException e) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "A frame of the media is no longer in storage.");
        }
    }

    private static ErrorCode code(Job job) {
        try {
            return job.getErrorCode() == null ? ErrorCode.JOB_FAILED : ErrorCode.valueOf(job.getErrorCode());
        } catch (IllegalArgumentException e) {
            return ErrorCode.JOB_FAILED;
        }
    }

    private static String human(Duration d) {
        return d.toSeconds() >= 120 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientJobException("interrupted while waiting for an upload", e);
        }
    }
}
