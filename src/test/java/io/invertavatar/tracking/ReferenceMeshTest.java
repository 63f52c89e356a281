package io.invertavatar.tracking;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

import javax.imageio.ImageIO;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reference check against code nobody here wrote: the official MediaPipe face-mesh JS solution (same npm version as
 * our models, CPU inference in wasm) in headless Chromium, driven by src/test/js/reference-mesh.mjs, on the same
 * pictures. Its still-image path is detector → ROI → mesh once, as ours by default (target: median ≤ 1.5 px on the
 * 192-px crop scale); the result with {@code refineCrop} (a second pass on the mesh's own crop) is reported too.
 * Skipped (with the reason) when Chromium or the node tooling is absent; CI installs both (see docs/tracking.md).
 */
class ReferenceMeshTest {
    private static final Path JS = Path.of("src/test/js");

    @Test
    void meshMatchesTheOfficialMediaPipeSolution(@TempDir Path dir) throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "Chromium not found at " + chromium
                + " (apt-get install -y chromium, or set CHROMIUM): reference check skipped");
        assumeTrue(Files.isDirectory(JS.resolve("node_modules/@mediapipe/face_mesh"))
                        && Files.isDirectory(JS.resolve("node_modules/playwright-core")),
                "node tooling missing (run: npm ci --prefix src/test/js): reference check skipped");
        assumeTrue(canRun("node", "--version"), "node not on PATH: reference check skipped");

        Map<String, BufferedImage> images = pictures();
        List<String> paths = new ArrayList<>();
        for (var e : images.entrySet()) {
            Path p = dir.resolve(e.getKey() + ".png");
            ImageIO.write(e.getValue(), "png", p.toFile());
            paths.add(p.toAbsolutePath().toString());
        }
        Path out = dir.resolve("reference.json");
        List<String> cmd = new ArrayList<>(List.of("node", JS.resolve("reference-mesh.mjs").toString(), out.toString()));
        cmd.addAll(paths);
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile())
                .start();
        assertThat(proc.waitFor(180, TimeUnit.SECONDS)).as("reference run finished").isTrue();
        assertThat(proc.exitValue()).as("reference run: %s", Files.readString(dir.resolve("node.log"))).isZero();
        JsonArray results = JsonParser.parseString(Files.readString(out)).getAsJsonArray();

        FaceTracker tracker = TrackerFixture.tracker();
        List<Double> single = new ArrayList<>(), twoPass = new ArrayList<>();
        int i = 0;
        for (var e : images.entrySet()) {
            JsonObject r = results.get(i++).getAsJsonObject();
            assertThat(r.get("landmarks").isJsonNull()).as("reference found the face on %s", e.getKey()).isFalse();
            float[][] ref = toArray(r.getAsJsonArray("landmarks"));
            Mat bgr = OpenCvSupport.toBgr(e.getValue());
            try {
                // the production still-image path, and the same with the refined (second) crop
                FaceMesh one = tracker.find(bgr).mesh();
                FaceMesh two = tracker.landmarker().run(bgr, FaceLandmarker.roiFromMesh(one));
                double toCrop = FaceLandmarker.INPUT / one.roi().width();
                List<Double> s = errors(one, ref, toCrop), t = errors(two, ref, toCrop);
                System.out.printf("reference %s: single pass median %.3f max %.3f; two-pass median %.3f max %.3f (192-px crop scale)%n",
                        e.getKey(), median(s), max(s), median(t), max(t));
                single.addAll(s);
                twoPass.addAll(t);
            } finally {
                bgr.release();
            }
        }
        System.out.printf("reference ALL (%d images): single pass median %.3f max %.3f; two-pass median %.3f max %.3f%n",
                images.size(), median(single), max(single), median(twoPass), max(twoPass));
        assertThat(median(single)).isLessThanOrEqualTo(1.5);
    }

    private static Map<String, BufferedImage> pictures() {
        BufferedImage a = TrackerFixture.astronaut();
        Map<String, BufferedImage> m = new LinkedHashMap<>();
        m.put("astronaut", a);
        m.put("rotated20", TestImages.transformed(a, rotation(20, 256, 256), 512, 512));
        AffineTransform small = new AffineTransform();
        small.translate(60, 90);
        small.scale(0.7, 0.7);
        m.put("scaled07", TestImages.transformed(a, small, 512, 512));
        AffineTransform mirror = new AffineTransform();
        mirror.translate(512, 0);
        mirror.scale(-1, 1);
        m.put("mirrored", TestImages.transformed(a, mirror, 512, 512));
        m.put("rotated-25", TestImages.transformed(a, rotation(-25, 225, 130), 512, 512));
        return m;
    }

    private static AffineTransform rotation(double degrees, double cx, double cy) {
        return AffineTransform.getRotateInstance(Math.toRadians(-degrees), cx, cy);
    }

    private static List<Double> errors(FaceMesh mesh, float[][] ref, double scale) {
        List<Double> out = new ArrayList<>();
        for (int k = 0; k < FaceMesh.POINTS; k++) {
            out.add(Math.hypot(mesh.landmarks()[k][0] - ref[k][0], mesh.landmarks()[k][1] - ref[k][1]) * scale);
        }
        return out;
    }

    private static float[][] toArray(JsonArray a) {
        float[][] out = new float[a.size()][];
        for (int k = 0; k < a.size(); k++) {
            JsonArray p = a.get(k).getAsJsonArray();
            out[k] = new float[] {p.get(0).getAsFloat(), p.get(1).getAsFloat(), p.get(2).getAsFloat()};
        }
        return out;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static boolean canRun(String... cmd) {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

}
