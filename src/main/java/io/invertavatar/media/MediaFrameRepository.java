package io.invertavatar.media;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MediaFrameRepository extends JpaRepository<MediaFrame, UUID> {

    List<MediaFrame> findByMediaIdOrderBySeq(UUID mediaId);

    Optional<MediaFrame> findByMediaIdAndSeq(UUID mediaId, int seq);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("delete from MediaFrame f where f.mediaId = :mediaId")
    int deleteByMedia(@Param("mediaId") UUID mediaId);
}
