package io.invertavatar.security;

import java.util.UUID;

/**
 * Removes every row and blob of one owner in one capability, for {@code DELETE /api/v1/me/data}. Every bean of this
 * type runs, in {@link org.springframework.core.annotation.Order} (lowest first): what is derived from other data
 * goes before what it references, jobs go last because media rows reference them. By the time an eraser runs, the
 * owner's jobs are cancelled and none is running.
 *
 * <p>Implementations delete blobs before rows (a failure then leaves rows that a retry finds again, never
 * orphaned blobs), must be idempotent, and must not touch other owners' data.
 */
public interface OwnerDataEraser {

    /** Avatars, animations and anything else built from media. */
    int DERIVED = 100;
    /** Uploads, their frames, previews and tracking results. */
    int MEDIA = 200;
    /** Job rows and their outbox rows. */
    int JOBS = 300;

    void eraseOwner(UUID ownerId);
}
