package io.invertavatar.avatar;

import org.springframework.stereotype.Component;

import io.invertavatar.jobs.JobContext;
import io.invertavatar.jobs.JobHandler;
import io.invertavatar.jobs.JobType;

/** AVATAR_ADD_FRAMES: a new version from the current saved state plus more frames (same work as a build). */
@Component
public class AvatarAddFramesHandler implements JobHandler {

    private final AvatarBuildJob job;

    public AvatarAddFramesHandler(AvatarBuildJob job) {
        this.job = job;
    }

    @Override
    public JobType type() {
        return JobType.AVATAR_ADD_FRAMES;
    }

    @Override
    public void handle(JobContext context) throws Exception {
        job.run(context);
    }
}
