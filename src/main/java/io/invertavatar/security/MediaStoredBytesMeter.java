package io.invertavatar.security;

import io.invertavatar.media.MediaRepository;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Uploads count with the size they were received with (frames and previews derived from them are not counted). */
@Component
@Order(OwnerDataEraser.MEDIA)
public class MediaStoredBytesMeter implements StoredBytesMeter {

    private final MediaRepository media;

    public MediaStoredBytesMeter(MediaRepository media) {
        this.media = media;
    }

    @Override
    public long storedBytes(UUID ownerId) {
        return media.totalSizeOf(ownerId);
    }
}
