package io.invertavatar.security;

import io.invertavatar.media.MediaRepository;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** An owner's uploads: originals, frames, preview and tracking blobs (all under {@code media/<id>/}), then rows. */
@Component
@Order(OwnerDataEraser.MEDIA)
public class MediaDataEraser implements OwnerDataEraser {

    private final MediaRepository media;
    private final BlobStore blobs;
    private final TransactionTemplate tx;

    public MediaDataEraser(MediaRepository media, BlobStore blobs, TransactionTemplate tx) {
        this.media = media;
        this.blobs = blobs;
        this.tx = tx;
    }

    @Override
    public void eraseOwner(UUID ownerId) {
        for (UUID id : media.findIdsByOwner(ownerId)) {
            try {
                blobs.deletePrefix(BlobKeys.mediaPrefix(id));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete the blobs of media " + id, e);
            }
        }
        // media_frames go with their media (ON DELETE CASCADE)
        tx.executeWithoutResult(s -> media.deleteByOwner(ownerId));
    }
}
