package io.invertavatar.tracking.service;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.nn.io.SafeTensorsFile;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import io.invertavatar.geometry.CanonicalFaceModel;
import io.invertavatar.tracking.FaceDetection;
import io.invertavatar.tracking.FaceMesh;
import io.invertavatar.tracking.FaceModelFiles;
import io.invertavatar.tracking.FaceTracker;
import io.invertavatar.tracking.FrameTracking;
import io.invertavatar.tracking.HeadPose;
import io.invertavatar.tracking.MeshOverlay;
import io.invertavatar.tracking.TrackingSummary;
import io.invertavatar.tracking.TrackingWriter;
import io.invertavatar.tracking.VideoFaceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tracks the frames of an ingested media item and keeps the results next to them
 * ({@code media/<id>/tracking/tracking.json} and {@code tracking.safetensors}); serves them and draws overlays.
 * A video is tracked frame to frame; photos each on their own. Frames without a face are recorded, not fatal; the
 * tracking of a media item with no face at all answers NO_FACE when read.
 */
@Service
public class MediaTrackingService {
    public static final String JSON = "tracking.json";
    public static final String ARRAYS = "tracking.safetensors";
    private static final Logger log = LoggerFactory.getLogger(MediaTrackingService.class);
    private static final Gson GSON = new Gson();

    private final BlobStore blobs;
    /** FaceTracker holds OpenCV nets that are not thread-safe: one per worker/request thread. */
    private final ThreadLocal<FaceTracker> trackers;
    private final CanonicalFaceModel canonical;

    public MediaTrackingService(BlobStore blobs, FaceModelFiles models, TrackingProperties props) {
        this.blobs = blobs;
        this.trackers = ThreadLocal.withInitial(() -> new FaceTracker(models, props.options()));
        this.canonical = CanonicalFaceModel.load(models.geometry());
    }

    /** Tracks all stored frames of the media item and writes both result blobs (the JSON last). */
    public TrackingSummary trackMedia(UUID mediaId, boolean video, double fps) throws IOException {
        List<String> keys = new ArrayList<>(blobs.list(BlobKeys.mediaPrefix(mediaId) + "frames/"));
        keys.sort(null);
        FaceTracker tracker = trackers.get();
        VideoFaceTracker sequence = new VideoFaceTracker(tracker, fps);
        List<FrameTracking> frames = new ArrayList<>();
        for (int seq = 0; seq < keys.size(); seq++) {
            BufferedImage image;
            try (InputStream in = blobs.open(keys.get(seq))) {
                image = ImageIO.read(in);
            }
            if (video) {
                frames.add(sequence.next(image));
            } else {
                FrameTracking t = tracker.track(image);
                frames.add(new FrameTracking(seq, t.width(), t.height(), t.faces(), t.face(), t.mesh(), t.pose(),
                        t.canonical(), t.expression(), t.fivePoints(), t.quality()));
            }
        }
        TrackingSummary summary = TrackingSummary.of(frames);
        ByteArrayOutputStream arrays = new ByteArrayOutputStream();
        TrackingWriter.writeArrays(frames, arrays);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TrackingWriter.writeJson(frames, summary, json);
        try {
            blobs.put(BlobKeys.mediaTracking(mediaId, ARRAYS), arrays.toByteArray(), "application/octet-stream");
            blobs.put(BlobKeys.mediaTracking(mediaId, JSON), json.toByteArray(), "application/json");
        } catch (IOException e) {
            removeResults(mediaId);
            throw e;
        }
        log.info("Tracked {} frames, {} with a face, {} detector runs", summary.frames(), summary.framesWithFace(),
                summary.detectorRuns());
        return summary;
    }

    /** Frame rate of the kept (possibly sub-sampled) frames from their timestamps; 25 when it cannot be told. */
    public static double fps(List<Long> timestampsMicros) {
        if (timestampsMicros.size() < 2) {
            return 25;
        }
        long span = timestampsMicros.get(timestampsMicros.size() - 1) - timestampsMicros.get(0);
        return span <= 0 ? 25 : (timestampsMicros.size() - 1) / (span / 1e6);
    }

    public void removeResults(UUID mediaId) throws IOException {
        blobs.deletePrefix(BlobKeys.mediaPrefix(mediaId) + "tracking/");
    }

    /** The stored JSON; NOT_FOUND before tracking ran, NO_FACE when no frame has a face. */
    public byte[] json(UUID mediaId) throws IOException {
        byte[] bytes = read(BlobKeys.mediaTracking(mediaId, JSON));
        JsonObject root = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
        int frames = root.getAsJsonObject("summary").get("frames").getAsInt();
        if (root.getAsJsonObject("summary").get("framesWithFace").getAsInt() == 0) {
            throw new ServiceException(ErrorCode.NO_FACE, "No face was found in any of the " + frames + " frames.");
        }
        return bytes;
    }

    /** Frame {@code n} with its mesh, box and pose axes drawn, as PNG. */
    public byte[] overlay(UUID mediaId, int n) throws IOException {
        BufferedImage frame;
        try (InputStream in = open(BlobKeys.mediaFrame(mediaId, n))) {
            frame = ImageIO.read(in);
        }
        JsonObject root = JsonParser.parseString(new String(read(BlobKeys.mediaTracking(mediaId, JSON)),
                StandardCharsets.UTF_8)).getAsJsonObject();
        var list = root.getAsJsonArray("frames");
        if (n < 0 || n >= list.size()) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "No frame " + n + ".");
        }
        JsonObject f = list.get(n).getAsJsonObject();
        float[][] landmarks = null;
        HeadPose pose = null;
        FaceDetection face = null;
        if (f.get("hasFace").getAsBoolean()) {
            landmarks = landmarks(mediaId, n);
            pose = GSON.fromJson(f.get("pose"), HeadPose.class);
            face = f.has("face") ? GSON.fromJson(f.get("face"), FaceDetection.class) : null;
        }
        BufferedImage drawn = MeshOverlay.draw(frame, landmarks, face, pose, canonical.triangles());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(drawn, "png", out);
        return out.toByteArray();
    }

    private float[][] landmarks(UUID mediaId, int n) throws IOException {
        float[] mesh = meshes(mediaId)[n];
        float[][] out = new float[FaceMesh.POINTS][3];
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            System.arraycopy(mesh, 3 * i, out[i], 0, 3);
        }
        return out;
    }

    /**
     * The tracked mesh of every stored frame (468 × x, y, z in pixels, flat), {@code null} where no face was found;
     * NOT_FOUND before tracking ran.
     */
    public float[][] meshes(UUID mediaId) throws IOException {
        Path tmp = Files.createTempFile("tracking-", ".safetensors");
        try {
            try (InputStream in = open(BlobKeys.mediaTracking(mediaId, ARRAYS))) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (SafeTensorsFile file = SafeTensorsFile.open(tmp)) {
                FloatBuffer has = file.bytes("has_face").order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                FloatBuffer all = file.bytes("landmarks").order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[][] meshes = new float[has.remaining()][];
                for (int seq = 0; seq < meshes.length; seq++) {
                    if (has.get(seq) >= 0.5f) {
                        meshes[seq] = new float[FaceMesh.POINTS * 3];
                        all.position(seq * FaceMesh.POINTS * 3);
                        all.get(meshes[seq]);
                    }
                }
                return meshes;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }

    private InputStream open(String key) throws IOException {
        try {
            return blobs.open(key);
        } catch (NoSuchFileException e) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "No tracking results (yet) for this media.");
        }
    }
}
