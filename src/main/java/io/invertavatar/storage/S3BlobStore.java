package io.invertavatar.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs in one bucket of an S3-compatible server. A PUT is atomic on S3 itself (an object appears whole or not
 * at all). The SDK wants a known length, so a stream of unknown size is spooled to a temp file first.
 * SDK failures surface as {@link IOException} so callers treat both stores alike.
 */
public class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;

    public S3BlobStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Creates the bucket if it does not exist (MinIO, tests). */
    public void ensureBucket() throws IOException {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (NoSuchBucketException e) {
            call(() -> s3.createBucket(b -> b.bucket(bucket)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                call(() -> s3.createBucket(b -> b.bucket(bucket)));
            } else {
                throw new IOException("S3 bucket check failed: " + e.getMessage(), e);
            }
        } catch (SdkException e) {
            throw new IOException("S3 bucket check failed: " + e.getMessage(), e);
        }
    }

    public void checkBucket() throws IOException {
        call(() -> s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build()));
    }

    @Override
    public long put(String key, InputStream in, String contentType) throws IOException {
        Path tmp = Files.createTempFile("s3-put-", ".bin");
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return put(key, tmp, contentType);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public long put(String key, Path file, String contentType) throws IOException {
        long size = Files.size(file);
        call(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(size),
                RequestBody.fromFile(file)));
        return size;
    }

    @Override
    public long put(String key, byte[] bytes, String contentType) throws IOException {
        call(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromBytes(bytes)));
        return bytes.length;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("S3 read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream openRange(String key, long from, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + from + "-" + (from + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("S3 read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("S3 head failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 head failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public int deletePrefix(String prefix) throws IOException {
        List<String> keys = list(prefix);
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            call(() -> s3.deleteObjects(DeleteObjectsRequest.builder().bucket(bucket)
                    .delete(Delete.builder().objects(ids).quiet(true).build()).build()));
        }
        return keys.size();
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).forEach(out::add);
        } catch (SdkException e) {
            throw new IOException("S3 list failed: " + e.getMessage(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    private static void call(Runnable r) throws IOException {
        try {
            r.run();
        } catch (SdkException e) {
            throw new IOException("S3 request failed: " + e.getMessage(), e);
        }
    }
}
