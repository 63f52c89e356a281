package io.invertavatar.animation;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AnimationRepository extends JpaRepository<Animation, UUID> {

    List<Animation> findByAvatarIdOrderByCreatedAtDesc(UUID avatarId);

    List<Animation> findByOwnerId(UUID ownerId);
}
