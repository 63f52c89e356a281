package io.invertavatar.animation;

public enum AnimationStatus {
    RENDERING, READY, FAILED
}
