package io.invertavatar.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Health component {@code blobStorage}: a list call on the store (a bucket HEAD for S3). */
@Component("blobStorage")
public class BlobStoreHealthIndicator extends AbstractHealthIndicator {

    private final BlobStore store;

    public BlobStoreHealthIndicator(BlobStore store) {
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        if (store instanceof S3BlobStore s3) {
            s3.checkBucket();
            builder.up().withDetail("type", "s3");
        } else if (store instanceof FileSystemBlobStore fs) {
            store.list("health/");
            builder.up().withDetail("type", "filesystem")
                    .withDetail("free", fs.root().toFile().getUsableSpace());
        } else {
            builder.up();
        }
    }
}
