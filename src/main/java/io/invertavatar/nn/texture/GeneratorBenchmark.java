package io.invertavatar.nn.texture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.invertavatar.nn.ops.Nd;
import io.invertavatar.nn.ops.RandomInit;
import io.invertavatar.nn.render.ImportanceRenderer;
import io.invertavatar.nn.render.RaySampler;
import io.invertavatar.nn.stylegan.NoiseMode;
import io.invertavatar.nn.stylegan.SynthesisNetwork;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Per-module CPU benchmark of the generator at the official configuration with random weights. Prints the
 * BENCHMARKS.md table: wall and process-CPU seconds per module, the module's convolution/matmul FLOPs, the resulting
 * GFLOP/s next to a 2048² fp32 matrix product measured in the same run, and the speed-up over the official PyTorch
 * times quoted in issue 6 (2 threads, same kind of machine).
 *
 * <p>Run: {@code ./mvnw -o -q compile && ./mvnw -o -q org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java
 * -Dexec.args="-Xmx3g -Dai.djl.offline=true -cp %classpath io.invertavatar.nn.texture.GeneratorBenchmark [threads] [repeats]"}
 */
public final class GeneratorBenchmark {

    private record Row(String module, double wall, double cpu, double gflop, Double officialSeconds) {
    }

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch before the thread setting
        JniUtils.setNumThreads(threads);
        TriPlaneGenerator.Config cfg = TriPlaneGenerator.Config.official();
        List<Row> rows = new ArrayList<>();
        try (NDManager base = NDManager.newBaseManager()) {
            double[] matmul = matmulGflops(base);
            TriPlaneGenerator g = new TriPlaneGenerator(cfg);
            RandomInit.apply(g, base, 1);
            NDArray c = base.create(new float[] {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 2.7f, 0, 0, 0, 1,
                    4.2647f, 0, 0.5f, 0, 4.2647f, 0.5f, 0, 0, 1}).reshape(1, 25);
            NDArray z = base.randomNormal(new Shape(1, cfg.zDim()));
            NDArray ws = g.mapping(z, c, 0.7, null);
            NDArray uv = TriPlaneGeneratorTestData.uvImage(base);
            List<NDArray> tex = g.textureBackbone().synthesis().forward(ws, null, true, null, NoiseMode.CONST);
            List<NDArray> sta = g.backbone().synthesis().forward(ws, null, true, null, NoiseMode.CONST);
            NeuralTextureRasterizer rasterizer = new NeuralTextureRasterizer();
            List<NDArray> bg = new ArrayList<>(sta);
            bg.set(0, sta.get(0).reshape(1, 3, cfg.planeChannels(), 32, 32).get(":, 0"));
            bg.set(5, sta.get(5).reshape(1, 3, cfg.planeChannels(), 256, 256).get(":, 0"));
            NeuralTextureRasterizer.Output raster = rasterizer.rasterize(tex, uv, bg, NeuralTextureRasterizer.BBOX_256);
            NDArray planes = sta.get(5).reshape(1, 3, cfg.planeChannels(), 256, 256);
            RaySampler.Rays rays = new RaySampler().forward(c.get(":, :16").reshape(1, 4, 4), c.get(":, 16:").reshape(1, 3, 3), 128);
            NDArray feat = base.randomNormal(new Shape(1, 32, 128, 128));

            double mapFlop = 2.0 * (cfg.cDim() * 512 + 1024 * 512 + 512 * 512);
            rows.add(time("mapping (z, c → ws)", repeats, mapFlop, null, m -> g.mapping(in(m, z), in(m, c), 0.7, null)));
            double synFlop = synthesisFlops(g.textureBackbone().synthesis().config());
            rows.add(time("texture backbone synthesis (list)", repeats, synFlop, null,
                    m -> g.textureBackbone().synthesis().forward(in(m, ws), null, true, null, NoiseMode.CONST).get(5)));
            rows.add(time("static backbone synthesis (list, 96 ch)", repeats, synthesisFlops(g.backbone().synthesis().config()), 2.31,
                    m -> g.backbone().synthesis().forward(in(m, ws), null, true, null, NoiseMode.CONST).get(5)));
            rows.add(time("texture rasterisation (6 levels)", repeats, 0, null,
                    m -> rasterizer.rasterize(in(m, tex), in(m, uv), in(m, bg), NeuralTextureRasterizer.BBOX_256).fullAlpha()));
            rows.add(time("face backbone synthesis (cond_list)", repeats, synFlop, 2.18,
                    m -> g.faceBackbone().synthesis().forward(in(m, ws), in(m, raster.renderingImages()), false, null, NoiseMode.CONST).get(0)));
            double renderFlop = 2.0 * 128 * 128 * 96 * (32 * 64 + 64 * 33);
            rows.add(time("volume rendering 128² × (48+48)", repeats, renderFlop, 9.69,
                    m -> g.renderer().forward(in(m, planes), g.decoder(), in(m, rays.origins()), in(m, rays.directions()),
                            ImportanceRenderer.Draws.deterministic()).rgb()));
            rows.add(time("super-resolution 128 → 512", repeats, srFlops(), 9.87,
                    m -> g.superresolution().forward(in(m, feat.get(":, :3")), in(m, feat), in(m, ws), NoiseMode.NONE)));
            double frameFlop = 3 * synFlop + renderFlop + srFlops() + mapFlop;
            rows.add(time("whole frame (mapping + 3 syntheses + raster + render + SR)", repeats, frameFlop, 22.0, m -> {
                NDArray w = g.mapping(in(m, z), in(m, c), 0.7, null);
                List<NDArray> t = g.textureBackbone().synthesis().forward(w, null, true, null, NoiseMode.CONST);
                return g.synthesisWithTexture(w, t, in(m, c), in(m, uv), null, ImportanceRenderer.Draws.deterministic(), NoiseMode.CONST).image();
            }));
            print(rows, matmul, threads);
        }
    }

    /** A copy of {@code a} owned by the run's manager, so every result of the run is freed with it. */
    private static NDArray in(NDManager m, NDArray a) {
        return Nd.own(m, a.duplicate());
    }

    private static List<NDArray> in(NDManager m, List<NDArray> l) {
        return l.stream().map(a -> in(m, a)).toList();
    }

    private static Row time(String name, int repeats, double flop, Double official, Function<NDManager, NDArray> work) {
        try (NDManager m = NDManager.newBaseManager()) {
            work.apply(m).toFloatArray(); // warm-up (TorchScript operator compilation, allocator)
        }
        double wall = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            try (NDManager m = NDManager.newBaseManager()) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                work.apply(m).toFloatArray();
                wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
                cpu = Math.min(cpu, (processCpuNanos() - c0) / 1e9);
            }
        }
        System.err.printf(Locale.ROOT, "%s: %.3f s wall, %.3f s cpu%n", name, wall, cpu);
        return new Row(name, wall, cpu, flop / 1e9, official);
    }

    private static double[] matmulGflops(NDManager base) {
        int n = 2048;
        try (NDManager m = base.newSubManager()) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            a.matMul(b).toFloatArray();
            double best = Double.MAX_VALUE;
            double bestCpu = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                bestCpu = Math.min(bestCpu, (processCpuNanos() - c0) / 1e9);
                c.close();
            }
            double flop = 2.0 * n * n * n / 1e9;
            return new double[] {flop / best, flop / bestCpu};
        }
    }

    /** Multiply-adds of the convolutions of a synthesis network (×2 = FLOPs), as executed (up-convs at input size). */
    public static double synthesisFlops(SynthesisNetwork.Config c) {
        double macs = 0;
        for (int res = 4; res <= c.imgResolution(); res *= 2) {
            int out = c.channels(res);
            if (res > 4) {
                int in = c.channels(res / 2);
                macs += (double) in * out * 9 * (res / 2) * (res / 2);
            }
            macs += (double) out * out * 9 * res * res;
            macs += (double) out * c.imgChannels() * res * res;
        }
        return 2 * macs;
    }

    public static double srFlops() {
        double macs = 32.0 * 256 * 9 * 128 * 128 + 256.0 * 256 * 9 * 256 * 256 + 256.0 * 3 * 256 * 256
                + 256.0 * 128 * 9 * 256 * 256 + 128.0 * 128 * 9 * 512 * 512 + 128.0 * 3 * 512 * 512;
        return 2 * macs;
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /**
     * The shared 2-core machine is heavily oversubscribed, so wall time mostly measures other people's load. Rates
     * are therefore given per process-CPU-second times the thread count ("CPU-based"), for the modules and for the
     * matrix product alike; wall times are listed as measured.
     */
    private static void print(List<Row> rows, double[] matmul, int threads) {
        System.out.printf(Locale.ROOT, "Threads: %d. fp32 matmul 2048² (same run): %.1f GFLOP/s wall-based, **%.1f GFLOP/s CPU-based**.%n%n",
                threads, matmul[0], matmul[1] * threads);
        System.out.println("| module | wall s | process CPU s | CPU s / threads | GFLOP | GFLOP/s (CPU-based) | ratio to matmul | official PyTorch s | speed-up (official / (CPU s / threads)) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            double eff = r.cpu() / threads;
            double rate = r.gflop() / eff;
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %s | %s | %s | %s | %s |%n", r.module(), r.wall(), r.cpu(), eff,
                    r.gflop() > 0 ? String.format(Locale.ROOT, "%.2f", r.gflop()) : "—",
                    r.gflop() > 0 ? String.format(Locale.ROOT, "%.1f", rate) : "—",
                    r.gflop() > 0 ? String.format(Locale.ROOT, "%.2f", rate / (matmul[1] * threads)) : "—",
                    r.officialSeconds() != null ? String.format(Locale.ROOT, "%.2f", r.officialSeconds()) : "—",
                    r.officialSeconds() != null ? String.format(Locale.ROOT, "%.2f×", r.officialSeconds() / eff) : "—");
        }
    }
}
