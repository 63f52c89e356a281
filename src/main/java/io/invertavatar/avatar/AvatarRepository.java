package io.invertavatar.avatar;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AvatarRepository extends JpaRepository<Avatar, UUID> {

    Page<Avatar> findByOwnerIdOrderByCreatedAtDesc(UUID ownerId, Pageable page);

    Page<Avatar> findAllByOrderByCreatedAtDesc(Pageable page);

    List<Avatar> findByOwnerId(UUID ownerId);
}
