package io.invertavatar.storage;

import java.util.UUID;

/** The key layout: every key is built from ids and fixed names only. */
public final class BlobKeys {

    private BlobKeys() {
    }

    public static String mediaPrefix(UUID mediaId) {
        return "media/" + mediaId + "/";
    }

    public static String mediaOriginal(UUID mediaId, int part) {
        return mediaPrefix(mediaId) + "original/" + part;
    }

    public static String mediaFrame(UUID mediaId, int index) {
        return mediaPrefix(mediaId) + "frames/" + String.format("%05d", index) + ".png";
    }

    public static String mediaPreview(UUID mediaId) {
        return mediaPrefix(mediaId) + "preview.jpg";
    }

    public static String mediaTracking(UUID mediaId, String name) {
        return mediaPrefix(mediaId) + "tracking/" + name;
    }

    public static String avatarPrefix(UUID avatarId) {
        return "avatars/" + avatarId + "/";
    }

    /** One saved version of an avatar: {@code state.safetensors}, {@code preview.png}, {@code orbit.mp4}. */
    public static String avatarVersion(UUID avatarId, int version) {
        return avatarPrefix(avatarId) + "state/v" + version + "/";
    }

    public static String avatarState(UUID avatarId, int version) {
        return avatarVersion(avatarId, version) + "state.safetensors";
    }

    public static String avatarPreview(UUID avatarId, int version) {
        return avatarVersion(avatarId, version) + "preview.png";
    }

    public static String avatarOrbit(UUID avatarId, int version) {
        return avatarVersion(avatarId, version) + "orbit.mp4";
    }

    public static String animationPrefix(UUID animationId) {
        return "animations/" + animationId + "/";
    }

    public static String animationVideo(UUID animationId) {
        return animationPrefix(animationId) + "video.mp4";
    }
}
