package io.invertavatar.media;

import java.util.List;

import io.invertavatar.jobs.Job;

/** A media row with its frames and its ingest job, read together. */
public record MediaDetails(Media media, List<MediaFrame> frames, Job job) {
}
