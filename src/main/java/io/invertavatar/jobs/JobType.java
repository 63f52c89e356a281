package io.invertavatar.jobs;

/** Every kind of queued work. Each type has its own durable queue and one {@link JobHandler}. */
public enum JobType {
    MEDIA_INGEST,
    AVATAR_BUILD,
    AVATAR_ADD_FRAMES,
    ANIMATION_RENDER,
    CHECKPOINT_IMPORT;

    /** Queue name, e.g. {@code invertavatar.jobs.media_ingest}. */
    public String queueName() {
        return "invertavatar.jobs." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
