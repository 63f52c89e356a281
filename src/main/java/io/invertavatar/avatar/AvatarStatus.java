package io.invertavatar.avatar;

/** BUILDING while a build or an add-frames job runs, READY once a state exists, FAILED when the first build failed. */
public enum AvatarStatus {
    BUILDING, READY, FAILED
}
