package io.invertavatar.avatar;

import java.util.UUID;

import io.invertavatar.security.OwnerDataEraser;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;


/** An owner's avatars and animations: blobs under {@code avatars/<id>/} and {@code animations/<id>/}, then rows. */
@Component
@Order(OwnerDataEraser.DERIVED)
public class AvatarDataEraser implements OwnerDataEraser {

    private final AvatarService avatars;

    public AvatarDataEraser(AvatarService avatars) {
        this.avatars = avatars;
    }

    @Override
    public void eraseOwner(UUID ownerId) {
        avatars.deleteAllOf(ownerId);
    }
}
