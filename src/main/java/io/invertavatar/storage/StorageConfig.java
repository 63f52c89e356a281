package io.invertavatar.storage;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Picks the {@link BlobStore} named by {@code invertavatar.storage.type}. */
@Configuration(proxyBeanMethods = false)
public class StorageConfig {

    @Bean
    BlobStore blobStore(StorageProperties props) throws IOException {
        String type = props.type() == null ? "filesystem" : props.type().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "filesystem" -> new FileSystemBlobStore(Path.of(props.filesystem().root()));
            case "s3" -> {
                S3BlobStore store = new S3BlobStore(s3Client(props.s3()), props.s3().bucket());
                if (props.s3().createBucket()) {
                    store.ensureBucket();
                }
                yield store;
            }
            default -> throw new IllegalStateException(
                    "invertavatar.storage.type must be 'filesystem' or 's3', not '" + props.type() + "'");
        };
    }

    /** An S3 client on the URL-connection HTTP client (no Netty), path-style when asked (MinIO, moto). */
    public static S3Client s3Client(StorageProperties.S3 s3) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(s3.region() == null || s3.region().isBlank() ? "us-east-1" : s3.region()))
                .forcePathStyle(s3.pathStyle());
        if (s3.endpoint() != null && !s3.endpoint().toString().isBlank()) {
            b.endpointOverride(s3.endpoint());
        }
        if (s3.accessKey() != null && !s3.accessKey().isBlank()) {
            b.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return b.build();
    }
}
