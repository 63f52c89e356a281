package io.invertavatar.avatar;

import java.util.UUID;

import io.invertavatar.security.OwnerDataEraser;
import io.invertavatar.security.StoredBytesMeter;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.invertavatar.animation.AnimationRepository;

/** Avatars (their current version's state, preview and orbit) and animation videos, as stored. */
@Component
@Order(OwnerDataEraser.DERIVED)
public class AvatarStoredBytesMeter implements StoredBytesMeter {

    private final AvatarRepository avatars;
    private final AnimationRepository animations;

    public AvatarStoredBytesMeter(AvatarRepository avatars, AnimationRepository animations) {
        this.avatars = avatars;
        this.animations = animations;
    }

    @Override
    public long storedBytes(UUID ownerId) {
        return avatars.totalStoredBytesOf(ownerId) + animations.totalStoredBytesOf(ownerId);
    }
}
