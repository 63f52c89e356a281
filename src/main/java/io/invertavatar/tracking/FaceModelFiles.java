package io.invertavatar.tracking;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The open model pack folder ({@code models/open}) checked against the SHA-256s pinned in {@code models/open.manifest}.
 * Nothing is downloaded at run time: a missing or corrupt file is a {@link ErrorCode#MODEL_UNAVAILABLE} error that names
 * the file and the build command that restores it.
 */
public final class FaceModelFiles {
    public static final String DETECTOR = "face_detection_short_range.tflite";
    public static final String LANDMARKS = "face_landmark.tflite";
    public static final String GEOMETRY = "geometry_pipeline_metadata_landmarks.binarypb";
    public static final String RESTORE_COMMAND = "./mvnw generate-resources (or: java src/build/FetchFaceModels.java models/open.manifest models/open)";

    /** Pinned here as well as in the manifest so that a service without the manifest file still verifies. */
    private static final Map<String, String> PINNED = new LinkedHashMap<>();

    static {
        PINNED.put(LANDMARKS, "c603fa6149219a3e9487dc9abd7a0c24474c77263273d24868378cdf40aa26d1");
        PINNED.put(DETECTOR, "3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633");
        PINNED.put(GEOMETRY, "bdbcda96dfcb7da883da124aaa2c55dee49770d934f0fcc71747f8c21bdc75b4");
    }

    private final Path dir;

    private FaceModelFiles(Path dir) {
        this.dir = dir;
    }

    /** {@code -Dinvertavatar.tracking.models-dir} or {@code models/open} under the working directory. */
    public static FaceModelFiles defaultLocation() {
        return verified(Path.of(System.getProperty("invertavatar.tracking.models-dir", "models/open")));
    }

    public static FaceModelFiles verified(Path dir) {
        for (var e : PINNED.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE,
                        "face model " + f.toAbsolutePath() + " is missing; restore it with " + RESTORE_COMMAND);
            }
            String got = sha256(f);
            if (!got.equals(e.getValue())) {
                throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "face model " + f.toAbsolutePath()
                        + " is corrupt (SHA-256 " + got + ", expected " + e.getValue() + "); delete it and restore it with "
                        + RESTORE_COMMAND);
            }
        }
        return new FaceModelFiles(dir);
    }

    public Path detector() {
        return dir.resolve(DETECTOR);
    }

    public Path landmarks() {
        return dir.resolve(LANDMARKS);
    }

    public Path geometry() {
        return dir.resolve(GEOMETRY);
    }

    private static String sha256(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "cannot read face model " + f + ": " + e.getMessage(), e);
        }
    }
}
