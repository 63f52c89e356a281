package io.invertavatar.avatar.open;

import io.invertavatar.geometry.CanonicalFaceModel;
import io.invertavatar.geometry.Fragments;
import io.invertavatar.geometry.Mesh;
import io.invertavatar.geometry.MeshWarp;
import io.invertavatar.geometry.PerspectiveCamera;
import io.invertavatar.geometry.ProceduralMeshes;
import io.invertavatar.geometry.Rasterizer;
import io.invertavatar.geometry.RgbImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Benchmarks of the geometry layer and the open pack (not a test). Prints the markdown tables of BENCHMARKS.md.
 * Every figure comes with a ratio to a baseline measured in the same run.
 * <pre>./mvnw -o -q compile && java -Xmx1g -cp target/classes io.invertavatar.avatar.open.OpenPackBenchmark [models-dir]</pre>
 */
public final class OpenPackBenchmark {

    private static final int SIZE = 512;

    private OpenPackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(args.length > 0 ? args[0] : "models");
        System.out.printf(Locale.ROOT, "cores: %d, java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        rasteriser();
        openPack(models);
    }

    private static void rasteriser() {
        Mesh sphere = ProceduralMeshes.uvSphere(118, 236, 1f);
        PerspectiveCamera cam = new PerspectiveCamera(new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[]{0, 0, 3},
                560, 560, SIZE / 2.0, SIZE / 2.0, 0.1);
        float[] screen = cam.project(sphere.positions());
        Rasterizer parallel = new Rasterizer(SIZE, SIZE, true), single = new Rasterizer(SIZE, SIZE, false);
        double base = time(() -> new Fragments(SIZE, SIZE, new int[SIZE * SIZE], new float[SIZE * SIZE],
                new float[SIZE * SIZE], new float[SIZE * SIZE]), 50);
        double seq = time(() -> single.rasterize(screen, sphere.triangles()), 30);
        double par = time(() -> parallel.rasterize(screen, sphere.triangles()), 30);
        Fragments f = parallel.rasterize(screen, sphere.triangles());
        System.out.printf(Locale.ROOT, "### Rasteriser: %d-vertex / %d-triangle sphere at %d², perspective, %d px covered%n%n",
                sphere.vertexCount(), sphere.triangleCount(), SIZE, f.coveredCount());
        System.out.println("| what | ms / frame | ratio to baseline |");
        System.out.println("|---|---|---|");
        row("baseline: allocate the 512² output buffers", base, base);
        row("rasterise, one thread", seq, base);
        row("rasterise, parallel bands", par, base);
        System.out.println();
    }

    private static void openPack(Path models) throws Exception {
        Path file = models.resolve(CanonicalFaceModel.RELATIVE_PATH);
        FaceTemplate template;
        String which;
        if (Files.isRegularFile(file)) {
            template = FaceTemplate.mediaPipe(CanonicalFaceModel.read(file));
            which = "MediaPipe canonical face (468 vertices)";
        } else {
            Mesh cap = ProceduralMeshes.headCap(18, 24, 7.5f, 9.5f, 6f, Math.toRadians(160), Math.toRadians(130));
            template = FaceTemplate.plain(cap, true, 1);
            which = "procedural head cap (" + cap.vertexCount() + " vertices; canonical model not installed)";
        }
        OpenPackSettings settings = OpenPackSettings.defaults();
        OpenAvatarBuilder builder = new OpenAvatarBuilder(template, settings);
        OpenAvatarRenderer renderer = new OpenAvatarRenderer(template, settings);
        List<FaceObservation> frames = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            double yaw = -40 + 80.0 * k / 15, pitch = 10 * Math.sin(k);
            frames.add(syntheticFrame(template, HeadPose.fromEuler(Math.toRadians(yaw), Math.toRadians(pitch), 0,
                    18, SIZE / 2.0, SIZE / 2.0, 0)));
        }
        RgbImage picture = frames.get(0).image();
        float[] identity = new float[2 * SIZE * SIZE];
        for (int p = 0; p < SIZE * SIZE; p++) {
            identity[2 * p] = p % SIZE + 0.5f;
            identity[2 * p + 1] = p / SIZE + 0.5f;
        }
        double base = time(() -> MeshWarp.apply(picture, identity, SIZE, SIZE), 30);

        System.out.printf(Locale.ROOT, "### Open pack: %s, %d² frames, %d² texture%n%n", which, SIZE, settings.textureSize());
        System.out.println("Baseline: one bilinear resample of a 512² picture (" + fmt(base) + " ms).");
        System.out.println();
        System.out.println("| reconstruction frames | ms total | ms / frame | ratio to baseline |");
        System.out.println("|---|---|---|---|");
        FusionState full = null;
        for (int n : new int[]{1, 2, 4, 8, 16}) {
            List<FaceObservation> sub = frames.subList(0, n);
            double ms = time(() -> builder.build(sub), n <= 4 ? 5 : 2);
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %s |%n", n, fmt(ms), fmt(ms / n), fmt(ms / base));
            full = builder.build(sub);
        }
        System.out.println();
        FusionState state = full;
        double prep = time(() -> renderer.prepare(state), 5);
        PreparedAvatar avatar = renderer.prepare(state);
        HeadPose refPose = avatar.reference().pose();
        int[] k = {0};
        double render = time(() -> {
            double a = Math.toRadians(15 * Math.sin(k[0]++ * 0.2));
            HeadPose p = HeadPose.fromEuler(a, a / 2, 0, refPose.scale(), refPose.translation()[0],
                    refPose.translation()[1], 0);
            return renderer.render(avatar, p, null);
        }, 60);
        System.out.println("| rendering | ms | frames/s | ratio to baseline |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| prepare avatar (texture fill, once per avatar) | %s | — | %s |%n", fmt(prep), fmt(prep / base));
        System.out.printf(Locale.ROOT, "| render one %d² frame (pose + warp + composite) | %s | %s | %s |%n", SIZE,
                fmt(render), fmt(1000 / render), fmt(render / base));
    }

    /** A picture of the template under a pose with a smooth colour pattern over a gradient background. */
    static FaceObservation syntheticFrame(FaceTemplate template, HeadPose pose) {
        Mesh mesh = template.mesh();
        float[] dst = pose.apply(mesh.positions());
        float[] screen = new float[4 * (dst.length / 3)];
        for (int v = 0; v < dst.length / 3; v++) {
            System.arraycopy(dst, 3 * v, screen, 4 * v, 3);
            screen[4 * v + 3] = 1;
        }
        Fragments f = new Rasterizer(SIZE, SIZE).rasterize(screen, mesh.triangles());
        float[] uv = f.interpolate(mesh.triangles(), mesh.uvs(), 2, 0);
        float[] rgb = new float[3 * SIZE * SIZE];
        for (int p = 0; p < SIZE * SIZE; p++) {
            double u = uv[2 * p], v = uv[2 * p + 1];
            boolean face = f.covered(p);
            rgb[3 * p] = (float) (face ? 0.6 + 0.2 * Math.sin(12 * u) * Math.cos(9 * v) : 0.3 + 0.4 * (p % SIZE) / SIZE);
            rgb[3 * p + 1] = (float) (face ? 0.45 + 0.1 * Math.cos(15 * v) : 0.5);
            rgb[3 * p + 2] = (float) (face ? 0.35 : 0.6 - 0.3 * (p / SIZE) / SIZE);
        }
        return new FaceObservation(new RgbImage(SIZE, SIZE, rgb), dst, pose);
    }

    /** Median of {@code runs} timed calls after a warm-up, in milliseconds. */
    private static double time(Supplier<?> task, int runs) {
        for (int i = 0; i < Math.max(3, runs / 5); i++) {
            task.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            task.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static void row(String what, double ms, double base) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", what, fmt(ms), fmt(ms / base));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }
}
