package io.invertavatar.security;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    Optional<ApiKey> findByKeyId(String keyId);

    List<ApiKey> findAllByOrderByCreatedAtAsc();

    List<ApiKey> findByOwnerIdOrderByCreatedAtAsc(UUID ownerId);

    /** Last use is recorded at most once a minute per key: an update per request would serialise hot keys. */
    @Modifying
    @Transactional
    @Query("update ApiKey k set k.lastUsedAt = :now where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :before)")
    int touch(UUID id, Instant now, Instant before);
}
