package io.invertavatar.animation;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AnimationRepository extends JpaRepository<Animation, UUID> {

    List<Animation> findByAvatarIdOrderByCreatedAtDesc(UUID avatarId);

    List<Animation> findByOwnerId(UUID ownerId);

    @org.springframework.data.jpa.repository.Query(
            "select coalesce(sum(a.storedBytes), 0) from Animation a where a.ownerId = :owner")
    long totalStoredBytesOf(@org.springframework.data.repository.query.Param("owner") UUID owner);
}
