package io.invertavatar.tracking;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.invertavatar.nn.io.SafeTensorsWriter;
import io.invertavatar.nn.io.TensorDType;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores tracking results as the service keeps them: scalars as JSON ({@code tracking.json}: per-frame faces, pose,
 * expression, five points, quality; plus the summary) and arrays as safetensors ({@code tracking.safetensors}, F32):
 * {@code landmarks [F,468,3]} image pixels, {@code canonical [F,468,3]} cm, {@code expression_offsets [F,468,3]}
 * canonical landmarks minus the subject's neutral shape (per-vertex median over the frames with a face),
 * {@code neutral [468,3]}, {@code has_face [F]} (0/1), {@code cameras [F,25]} (§4.2 labels). Frames without a face
 * have zeros in the arrays.
 */
public final class TrackingWriter {
    private static final Gson GSON = new GsonBuilder().create();

    private TrackingWriter() {
    }

    public static void writeJson(List<FrameTracking> frames, TrackingSummary summary, OutputStream out) throws IOException {
        JsonObject root = new JsonObject();
        root.add("summary", GSON.toJsonTree(summary));
        JsonArray list = new JsonArray();
        for (FrameTracking f : frames) {
            list.add(frameJson(f));
        }
        root.add("frames", list);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        GSON.toJson(root, w);
        w.flush();
    }

    public static JsonObject frameJson(FrameTracking f) {
        JsonObject o = new JsonObject();
        o.addProperty("frame", f.frameIndex());
        o.addProperty("width", f.width());
        o.addProperty("height", f.height());
        o.add("faces", GSON.toJsonTree(f.faces()));
        o.addProperty("hasFace", f.hasFace());
        if (f.hasFace()) {
            if (f.face() != null) {
                o.add("face", GSON.toJsonTree(f.face()));
            }
            o.addProperty("presence", f.mesh().presence());
            o.add("roi", GSON.toJsonTree(f.mesh().roi()));
            o.add("pose", GSON.toJsonTree(f.pose()));
            o.add("expression", GSON.toJsonTree(f.expression()));
            o.add("fivePoints", GSON.toJsonTree(f.fivePoints()));
            o.add("quality", GSON.toJsonTree(f.quality()));
        }
        return o;
    }

    public static void writeArrays(List<FrameTracking> frames, OutputStream out) throws IOException {
        int n = frames.size(), p = FaceMesh.POINTS;
        float[] landmarks = new float[n * p * 3], canonical = new float[n * p * 3], offsets = new float[n * p * 3];
        float[] hasFace = new float[n], cameras = new float[n * 25];
        float[][] neutral = neutral(frames);
        for (int k = 0; k < n; k++) {
            FrameTracking f = frames.get(k);
            if (!f.hasFace()) {
                continue;
            }
            hasFace[k] = 1;
            for (int i = 0; i < p; i++) {
                for (int c = 0; c < 3; c++) {
                    int at = (k * p + i) * 3 + c;
                    landmarks[at] = f.mesh().landmarks()[i][c];
                    canonical[at] = f.canonical()[i][c];
                    offsets[at] = f.canonical()[i][c] - neutral[i][c];
                }
            }
            System.arraycopy(AlignedCropper.camera(f.pose()), 0, cameras, k * 25, 25);
        }
        float[] flatNeutral = new float[p * 3];
        for (int i = 0; i < p; i++) {
            System.arraycopy(neutral[i], 0, flatNeutral, i * 3, 3);
        }
        Map<String, SafeTensorsWriter.Tensor> t = new TreeMap<>();
        t.put("landmarks", f32(landmarks, n, p, 3));
        t.put("canonical", f32(canonical, n, p, 3));
        t.put("expression_offsets", f32(offsets, n, p, 3));
        t.put("neutral", f32(flatNeutral, p, 3));
        t.put("has_face", f32(hasFace, n));
        t.put("cameras", f32(cameras, n, 25));
        SafeTensorsWriter.write(out, t, Map.of("format", "invertavatar-tracking-v1"));
    }

    /** Per-vertex median of the canonical landmarks over the frames with a face: the subject's neutral estimate. */
    static float[][] neutral(List<FrameTracking> frames) {
        List<FrameTracking> with = frames.stream().filter(FrameTracking::hasFace).toList();
        float[][] out = new float[FaceMesh.POINTS][3];
        if (with.isEmpty()) {
            return out;
        }
        float[] values = new float[with.size()];
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < with.size(); k++) {
                    values[k] = with.get(k).canonical()[i][c];
                }
                Arrays.sort(values);
                out[i][c] = values[values.length / 2];
            }
        }
        return out;
    }

    private static SafeTensorsWriter.Tensor f32(float[] data, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return new SafeTensorsWriter.Tensor(TensorDType.F32, shape, b);
    }
}
