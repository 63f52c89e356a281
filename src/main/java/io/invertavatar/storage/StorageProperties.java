package io.invertavatar.storage;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code invertavatar.storage.*}: where blobs live. {@code type} is {@code filesystem} (default, under
 * {@code filesystem.root}) or {@code s3} (any S3-compatible server; path-style addressing).
 */
@ConfigurationProperties("invertavatar.storage")
public record StorageProperties(String type, Filesystem filesystem, S3 s3) {

    public record Filesystem(String root) {
    }

    /**
     * @param endpoint     server URL, empty for AWS itself
     * @param createBucket create the bucket at start-up when missing (handy for MinIO and tests)
     */
    public record S3(URI endpoint, String region, String bucket, String accessKey, String secretKey,
                     boolean pathStyle, boolean createBucket) {
    }
}
