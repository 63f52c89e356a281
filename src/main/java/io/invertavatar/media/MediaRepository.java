package io.invertavatar.media;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MediaRepository extends JpaRepository<Media, UUID> {

    /** Bytes of the owner's uploads as received (the stored-bytes quota). */
    @Query("select coalesce(sum(m.sizeBytes), 0) from Media m where m.ownerId = :owner")
    long totalSizeOf(@Param("owner") UUID ownerId);

    @Query("select m.id from Media m where m.ownerId = :owner")
    List<UUID> findIdsByOwner(@Param("owner") UUID ownerId);

    /** Frames go first (their own table), then the media rows; blobs are the caller's business. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("delete from Media m where m.ownerId = :owner")
    int deleteByOwner(@Param("owner") UUID ownerId);
}
