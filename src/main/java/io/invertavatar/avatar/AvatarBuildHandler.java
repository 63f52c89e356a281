package io.invertavatar.avatar;

import org.springframework.stereotype.Component;

import io.invertavatar.jobs.JobContext;
import io.invertavatar.jobs.JobHandler;
import io.invertavatar.jobs.JobType;

/** AVATAR_BUILD: the first version of a new avatar. */
@Component
public class AvatarBuildHandler implements JobHandler {

    private final AvatarBuildJob job;

    public AvatarBuildHandler(AvatarBuildJob job) {
        this.job = job;
    }

    @Override
    public JobType type() {
        return JobType.AVATAR_BUILD;
    }

    @Override
    public void handle(JobContext context) throws Exception {
        job.run(context);
    }
}
