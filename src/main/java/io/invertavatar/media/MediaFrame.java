package io.invertavatar.media;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One extracted frame, stored upright as PNG under {@code BlobKeys.mediaFrame(mediaId, seq)}. {@code seq} is its
 * place among the kept frames (0..n-1, the {@code n} of the frames URL); {@code sourceIndex} is its index in the
 * decoded stream (for photos: the part number).
 */
@Entity
@Table(name = "media_frames")
public class MediaFrame {

    @Id
    private UUID id;

    @Column(name = "media_id", nullable = false)
    private UUID mediaId;

    @Column(nullable = false)
    private int seq;

    @Column(name = "source_index", nullable = false)
    private int sourceIndex;

    @Column(name = "timestamp_micros", nullable = false)
    private long timestampMicros;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    protected MediaFrame() {
    }

    MediaFrame(UUID mediaId, int seq, int sourceIndex, long timestampMicros, int width, int height) {
        this.id = UUID.randomUUID();
        this.mediaId = mediaId;
        this.seq = seq;
        this.sourceIndex = sourceIndex;
        this.timestampMicros = timestampMicros;
        this.width = width;
        this.height = height;
    }

    public UUID getId() { return id; }
    public UUID getMediaId() { return mediaId; }
    public int getSeq() { return seq; }
    public int getSourceIndex() { return sourceIndex; }
    public long getTimestampMicros() { return timestampMicros; }
    public int getWidth() { return width; }
    public int getHeight() { return height; }
}
