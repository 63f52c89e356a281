package io.invertavatar.security;

import java.util.UUID;

/**
 * One contribution to an owner's stored bytes (the {@code stored-bytes} quota): every bean of this type is asked and
 * the answers are summed. Media registers one ({@link MediaStoredBytesMeter}); avatars and animations add their own.
 */
public interface StoredBytesMeter {

    long storedBytes(UUID ownerId);
}
