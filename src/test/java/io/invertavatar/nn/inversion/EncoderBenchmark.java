package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.invertavatar.nn.ops.Nd;
import io.invertavatar.nn.encoders.E4eConfig;
import io.invertavatar.nn.encoders.Encoder4Editing;
import io.invertavatar.nn.encoders.FrameOrder;
import io.invertavatar.nn.encoders.RecurrentOutput;
import io.invertavatar.nn.encoders.TriPlaneSftFeatEncoder;
import io.invertavatar.nn.encoders.TriPlanefeatEncoder;
import io.invertavatar.nn.encoders.UNetConfig;
import io.invertavatar.nn.encoders.layers.FlopCounter;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.encoders.layers.TensorOps;
import io.invertavatar.nn.ops.RandomInit;
import io.invertavatar.nn.texture.GeneratorBenchmark;
import io.invertavatar.nn.texture.TriPlaneGenerator;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Few-shot reconstruction benchmark at the official configuration (random weights, CPU). Not a test:
 * <pre>./mvnw -o -q test-compile
 * ./mvnw -o -q org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-Xmx4g -Dai.djl.offline=true -cp %classpath io.invertavatar.nn.inversion.EncoderBenchmark [maxFrames=16] [threads=2]"</pre>
 * Prints the BENCHMARKS.md tables: (1) every module once, with wall and process-CPU time, GFLOP/s next to a
 * matrix-product rate measured right after it, and the ratio to the official PyTorch times of issue 7;
 * (2) few-shot reconstructions of 1, 2, 4, 8, 16 frames as eval_seq.py chunks them, split by module.
 * <p>The reconstruction replicates {@link InversionNet#forwardChunk} step by step (so each module can be timed)
 * with one scope per call of 4 frames, as {@link InversionState#add} does. Every call of 4 frames costs the same
 * whatever the frame values, so the rows for 4 and 8 frames are the first 1 and 2 calls of the one 16-frame run;
 * 1 and 2 frames are run on their own with the repeated frames computed once (the {@link InversionState} default).
 */
public final class EncoderBenchmark {

    private static final double OFFICIAL_RENDER = 22.0;
    private static final double OFFICIAL_FOUR_FRAMES = 95.0;

    private EncoderBenchmark() {
    }

    /** One measured step: wall and process-CPU seconds, FLOPs, the adjacent matmul rate (wall, CPU-based). */
    private record Sample(double wall, double cpu, double flop) {
        Sample plus(Sample o) {
            return new Sample(wall + o.wall, cpu + o.cpu, flop + o.flop);
        }

        static final Sample ZERO = new Sample(0, 0, 0);
    }

    private static int threads = 2;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("render")) {
            batchedRender(args.length > 1 ? Integer.parseInt(args[1]) : 4);
            return;
        }
        int maxFrames = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch before the thread setting
        JniUtils.setNumThreads(threads);
        try (NDManager m = NDManager.newBaseManager()) {
            System.out.printf(Locale.ROOT, "cpu: %s; GLIBC_TUNABLES=%s%n", cpu(), System.getenv("GLIBC_TUNABLES"));
            System.out.printf(Locale.ROOT, "threads %d, cores %d, load average at start: %s%n", threads,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            double[] mm0 = matmul(m);
            System.out.printf(Locale.ROOT, "matmul 2048^3 fp32 at start: %.1f GFLOP/s wall, %.1f GFLOP/s CPU-based%n%n", mm0[0], mm0[1]);

            Encoder4Editing ew = new Encoder4Editing(E4eConfig.official());
            TriPlanefeatEncoder et = new TriPlanefeatEncoder(UNetConfig.official(7, false));
            TriPlaneSftFeatEncoder ep = new TriPlaneSftFeatEncoder(UNetConfig.official(6, true));
            RandomWeights.fill(ew, m, 1);
            RandomWeights.fill(et, m, 2);
            RandomWeights.fill(ep, m, 3);
            TriPlaneGenerator.Config cfg = TriPlaneGenerator.Config.official();
            TriPlaneGenerator g = new TriPlaneGenerator(cfg);
            RandomInit.apply(g, m, 4);
            TriPlaneAvatarGenerator ag = new TriPlaneAvatarGenerator(g);

            // Generator inputs: ws from the mapping network (the random-weight e4e's codes are not in the range
            // the random generator expects; the cost of a render does not depend on the values).
            NDArray cam = m.create(new float[] {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 2.7f, 0, 0, 0, 1,
                    4.2647f, 0, 0.5f, 0, 4.2647f, 0.5f, 0, 0, 1}).reshape(1, 25);
            NDArray ws = g.mapping(m.randomNormal(new Shape(1, cfg.zDim())), cam, 0.7, null);
            NDArray uvc = uvImage(m);
            List<NDArray> tex0 = ag.textureFeatures(ws);
            List<NDArray> sta0 = ag.staticFeatures(ws, null);
            double texFlop = GeneratorBenchmark.synthesisFlops(g.textureBackbone().synthesis().config());
            double staFlop = GeneratorBenchmark.synthesisFlops(g.backbone().synthesis().config());
            double renderFlop = GeneratorBenchmark.synthesisFlops(g.faceBackbone().synthesis().config())
                    + 2.0 * 128 * 128 * 96 * (32 * 64 + 64 * 33) + GeneratorBenchmark.srFlops();

            System.out.println("| module | wall s | process CPU s | CPU s / threads | GFLOP | GFLOP/s (CPU-based) | matmul GFLOP/s (CPU-based, adjacent) | % of matmul | official PyTorch s | official / ours (CPU s / threads) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            row("E_w (1 frame, 256²)", 1.05, true, m, s -> ew.forward(s.randomUniform(-1f, 1f, new Shape(1, 3, 256, 256)), NormMode.BATCH_STATS), 0);
            row("E_t (1 frame)", 0.80, true, m, s -> et.forward(s.randomUniform(-1f, 1f, new Shape(1, 1, 7, 256, 256)), null).output().get(0), 0);
            row("E_t (4 frames)", 4.41, true, m, s -> et.forward(s.randomUniform(-1f, 1f, new Shape(1, 4, 7, 256, 256)), null).output().get(0), 0);
            row("E_p (1 frame)", 1.11, true, m, s -> ep.forward(s.randomUniform(-1f, 1f, new Shape(1, 1, 6, 512, 512)), null).output().get(16), 0);
            row("E_p (4 frames)", 5.47, true, m, s -> ep.forward(s.randomUniform(-1f, 1f, new Shape(1, 4, 6, 512, 512)), null).output().get(16), 0);
            row("e4e lists (texture + static synthesis, once)", null, true, m, s -> {
                NDArray w = in(s, ws);
                ag.textureFeatures(w);
                return ag.staticFeatures(w, null).get(5);
            }, texFlop + staFlop);
            row("e4e render = generator render (1 frame)", OFFICIAL_RENDER, true, m,
                    s -> ag.render(in(s, ws), in(s, tex0), in(s, sta0), in(s, cam), in(s, uvc)), renderFlop);
            System.out.println();
            Recon r = new Recon(m, ew, et, ep, ag, ws, tex0, sta0, cam, uvc, texFlop, staFlop, renderFlop);
            Run one = r.run(1);
            Run two = r.run(2);
            Run many = r.run(maxFrames);
            System.out.println();
            System.out.println("| frames | calls of 4 | E_w + e4e lists (s) | e4e render (s) | UV input (s) | E_t (s) | E_p (s) | static synthesis with SFT (s) | total CPU s / threads | total wall s | per added frame (s, CPU s / threads) | official (s) | official / ours |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            double prev = Double.NaN;
            int prevN = 0;
            for (int n : new int[] {1, 2, 4, 8, 16}) {
                if (n > maxFrames) {
                    break;
                }
                Run src = n == 1 ? one : n == 2 ? two : many;
                Sample[] t = firstCalls(src, FewShotChunks.plan(n).size());
                Sample total = Sample.ZERO;
                for (Sample x : t) {
                    total = total.plus(x);
                }
                double eff = total.cpu / threads;
                String inc = Double.isNaN(prev) ? "—" : String.format(Locale.ROOT, "%.2f", (eff - prev) / (n - prevN));
                Double official = n == 4 ? Double.valueOf(OFFICIAL_FOUR_FRAMES) : null;
                System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |%n",
                        n, FewShotChunks.plan(n).size(), t[0].cpu / threads, t[1].cpu / threads, t[2].cpu / threads,
                        t[3].cpu / threads, t[4].cpu / threads, t[5].cpu / threads, eff, total.wall, inc,
                        official == null ? "—" : String.format(Locale.ROOT, "%.0f", official),
                        official == null ? "—" : String.format(Locale.ROOT, "%.2f×", official / eff));
                prev = eff;
                prevN = n;
            }
            double[] mm1 = matmul(m);
            System.out.printf(Locale.ROOT, "%nmatmul at end: %.1f GFLOP/s wall, %.1f CPU-based; load average at end: %s; peak RSS %s%n",
                    mm1[0], mm1[1], loadAverage(), peakRss());
        }
    }

    /** Stages: 0 E_w + e4e lists, 1 e4e render, 2 UV input, 3 E_t, 4 E_p, 5 static synthesis with SFT conditions. */
    private static final class Recon {
        private final NDManager m;
        private final Encoder4Editing ew;
        private final TriPlanefeatEncoder et;
        private final TriPlaneSftFeatEncoder ep;
        private final TriPlaneAvatarGenerator ag;
        private final NDArray ws;
        private final List<NDArray> tex0;
        private final List<NDArray> sta0;
        private final NDArray cam;
        private final NDArray uvc;
        private final double texFlop;
        private final double staFlop;
        private final double renderFlop;

        Recon(NDManager m, Encoder4Editing ew, TriPlanefeatEncoder et, TriPlaneSftFeatEncoder ep, TriPlaneAvatarGenerator ag,
              NDArray ws, List<NDArray> tex0, List<NDArray> sta0, NDArray cam, NDArray uvc, double texFlop, double staFlop,
              double renderFlop) {
            this.m = m;
            this.ew = ew;
            this.et = et;
            this.ep = ep;
            this.ag = ag;
            this.ws = ws;
            this.tex0 = tex0;
            this.sta0 = sta0;
            this.cam = cam;
            this.uvc = uvc;
            this.texFlop = texFlop;
            this.staFlop = staFlop;
            this.renderFlop = renderFlop;
        }

        /** A reconstruction from n frames: E_w + e4e lists, then stages 1..5 of every call. */
        Run run(int n) {
            List<Sample[]> calls = new ArrayList<>();
            Sample[] t = {Sample.ZERO};
            try (NDManager rec = m.newSubManager()) {
                NDArray images = rec.randomUniform(-1f, 1f, new Shape(n, 3, 512, 512));
                NDArray uv = rec.randomUniform(-1f, 1f, new Shape(n, 6, 256, 256));
                try (NDManager s = rec.newSubManager()) {
                    t[0] = measure(() -> {
                        NDArray x = TensorOps.adaptiveAvgPool(in(s, images.get("0:1")), E4eConfig.INPUT_RESOLUTION);
                        return ew.forward(x, NormMode.BATCH_STATS);
                    });
                    Sample lists = measure(() -> {
                        NDArray w = in(s, ws);
                        ag.textureFeatures(w);
                        return ag.staticFeatures(w, null).get(5);
                    });
                    t[0] = t[0].plus(new Sample(lists.wall, lists.cpu, texFlop + staFlop));
                }
                List<NDArray> rt = null;
                List<NDArray> rp = null;
                int c = 1;
                for (int[] chunk : FewShotChunks.plan(n)) {
                    FrameOrder fo = FrameOrder.of(chunk); // repeated frames computed once (InversionState default)
                    int[] distinct = fo.distinct();
                    int k = distinct.length;
                    Sample[] call = new Sample[6];
                    try (NDManager s = rec.newSubManager()) {
                        NDArray idx = s.create(distinct);
                        NDArray img = in(s, images.get(idx));
                        NDArray uvk = in(s, uv.get(idx));
                        // One frame at a time: a batched render of 4 official-size frames holds every intermediate
                        // until its scope closes (> 23 GB, killed by the OOM killer on this 24 GB machine). The
                        // cameras are equal here, so the renderer's batch-mean near/far is the same either way.
                        NDArray[] frames = new NDArray[k];
                        call[1] = Sample.ZERO;
                        for (int f = 0; f < k; f++) {
                            int ff = f;
                            try (NDManager one = s.newSubManager()) {
                                Sample x = measure(() -> frames[ff] = ag.render(in(one, ws), in(one, tex0), in(one, sta0),
                                        in(one, cam), in(one, uvc)));
                                frames[ff].attach(s);
                                call[1] = call[1].plus(new Sample(x.wall, x.cpu, renderFlop));
                            }
                        }
                        NDArray delta = NDArrays.concat(new NDList(frames), 0).sub(img);
                        NDArray[] uvIn = new NDArray[1];
                        call[2] = measure(() -> uvIn[0] = UvInput.build(uvk, delta));
                        List<NDArray> rt0 = rt == null ? null : in(s, rt);
                        List<NDArray> rp0 = rp == null ? null : in(s, rp);
                        @SuppressWarnings("unchecked")
                        RecurrentOutput<List<NDArray>>[] ot = new RecurrentOutput[1];
                        call[3] = measureFlops(() -> (ot[0] = et.forward(uvIn[0].expandDims(0), rt0, fo.order())).output().get(3));
                        NDArray triIn = NDArrays.concat(new NDList(img, delta), 1).expandDims(0);
                        @SuppressWarnings("unchecked")
                        RecurrentOutput<Map<Integer, NDArray>>[] op = new RecurrentOutput[1];
                        call[4] = measureFlops(() -> (op[0] = ep.forward(triIn, rp0, fo.order())).output().get(256));
                        Sample st = measure(() -> ag.staticFeatures(in(s, ws), op[0].output()).get(5));
                        call[5] = new Sample(st.wall, st.cpu, staFlop);
                        // only the hidden states outlive the call (the avatar of the last call is dropped here)
                        rt = keep(rec, ot[0].hidden());
                        rp = keep(rec, op[0].hidden());
                    }
                    calls.add(call);
                    System.out.printf(Locale.ROOT, "%d frames, call %d (%d distinct): render %.2f s, uv %.2f s, E_t %.2f s, E_p %.2f s, statics %.2f s"
                            + " (wall); load %s%n", n, c++, k, call[1].wall, call[2].wall, call[3].wall, call[4].wall, call[5].wall, loadAverage());
                }
            }
            return new Run(t[0], calls);
        }
    }

    /** Stage totals of E_w + lists and the first k calls of a run. */
    private static Sample[] firstCalls(Run run, int k) {
        Sample[] t = {run.e0(), Sample.ZERO, Sample.ZERO, Sample.ZERO, Sample.ZERO, Sample.ZERO};
        for (int c = 0; c < k; c++) {
            for (int j = 1; j < 6; j++) {
                t[j] = t[j].plus(run.calls().get(c)[j]);
            }
        }
        return t;
    }

    private record Run(Sample e0, List<Sample[]> calls) {
    }

    private static List<NDArray> keep(NDManager m, List<NDArray> xs) {
        for (NDArray x : xs) {
            x.attach(m);
        }
        return xs;
    }

    private static void row(String name, Double official, boolean warmUp, NDManager m, Function<NDManager, NDArray> step,
                            double flop) {
        if (warmUp) {
            try (NDManager s = m.newSubManager()) {
                step.apply(s).toFloatArray();
            }
        }
        Sample x;
        try (NDManager s = m.newSubManager()) {
            x = flop > 0 ? measure(() -> step.apply(s)) : measureFlops(() -> step.apply(s));
        }
        double f = flop > 0 ? flop : x.flop;
        double[] mm = matmul(m); // the shared machine's load changes by the minute: baseline next to each row
        double eff = x.cpu / threads;
        double rate = f / 1e9 / eff;
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.0f%% | %s | %s |%n", name, x.wall, x.cpu, eff,
                f / 1e9, rate, mm[1], 100 * rate / mm[1], official == null ? "—" : String.format(Locale.ROOT, "%.2f", official),
                official == null ? "—" : String.format(Locale.ROOT, "%.2f×", official / eff));
        System.err.println("peak RSS after '" + name + "': " + peakRss());
    }

    private interface Work {
        NDArray run();
    }

    private static Sample measure(Work w) {
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        w.run().toFloatArray(); // forces completion
        return new Sample((System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9, 0);
    }

    private static Sample measureFlops(Work w) {
        FlopCounter.start();
        Sample s = measure(w);
        return new Sample(s.wall, s.cpu, FlopCounter.stop());
    }

    /** A copy owned by {@code s}, so everything computed from it is freed with {@code s}. */
    private static NDArray in(NDManager s, NDArray a) {
        return Nd.own(s, a.duplicate());
    }

    private static List<NDArray> in(NDManager s, List<NDArray> xs) {
        return xs.stream().map(a -> in(s, a)).toList();
    }

    /** [1, 256, 256, 3] UV-coordinate image: a disc of face with a mouth slot (as the generator's test data). */
    private static NDArray uvImage(NDManager m) {
        float[] d = new float[256 * 256 * 3];
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int i = (y * 256 + x) * 3;
                d[i] = x / 127.5f - 1;
                d[i + 1] = y / 127.5f - 1;
                boolean face = (x - 128) * (x - 128) + (y - 128) * (y - 128) < 100 * 100;
                boolean mouth = Math.abs(x - 128) < 20 && Math.abs(y - 170) < 6;
                d[i + 2] = face && !mouth ? 1 : 0;
            }
        }
        return m.create(d).reshape(1, 256, 256, 3);
    }

    /**
     * Five 2048^3 fp32 products after one warm-up: {wall GFLOP/s, CPU-based GFLOP/s = FLOP / (CPU s / threads)},
     * both over the five together (process CPU time has a coarse tick; one 1024^3 product is too short for it).
     */
    private static double[] matmul(NDManager m) {
        int n = 2048;
        try (NDManager s = m.newSubManager()) {
            NDArray a = s.randomUniform(-1f, 1f, new Shape(n, n));
            NDArray b = s.randomUniform(-1f, 1f, new Shape(n, n));
            a.matMul(b).close();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int r = 0; r < 5; r++) {
                a.matMul(b).close();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - c0) / 1e9;
            double gflop = 5 * 2.0 * n * n * n / 1e9;
            return new double[] {gflop / wall, gflop / (cpu / threads)};
        }
    }

    private static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /**
     * One batched render of {@code k} official-size frames (as {@link InversionNet#forwardChunk} renders a call),
     * after a 1-frame warm-up: time and the process's peak resident memory before and after.
     */
    private static void batchedRender(int k) {
        ai.djl.engine.Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        try (NDManager m = NDManager.newBaseManager()) {
            TriPlaneGenerator.Config cfg = TriPlaneGenerator.Config.official();
            TriPlaneGenerator g = new TriPlaneGenerator(cfg);
            RandomInit.apply(g, m, 4);
            TriPlaneAvatarGenerator ag = new TriPlaneAvatarGenerator(g);
            NDArray cam = m.create(new float[] {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 2.7f, 0, 0, 0, 1,
                    4.2647f, 0, 0.5f, 0, 4.2647f, 0.5f, 0, 0, 1}).reshape(1, 25);
            NDArray ws = g.mapping(m.randomNormal(new Shape(1, cfg.zDim())), cam, 0.7, null);
            NDArray uvc = uvImage(m);
            List<NDArray> tex0 = ag.textureFeatures(ws);
            List<NDArray> sta0 = ag.staticFeatures(ws, null);
            for (int batch : new int[] {1, k}) {
                try (NDManager s = m.newSubManager()) {
                    Sample x = measure(() -> ag.render(in(s, ws).repeat(0, batch), in(s, tex0).stream().map(a -> a.repeat(0, batch)).toList(),
                            in(s, sta0).stream().map(a -> a.repeat(0, batch)).toList(), in(s, cam).repeat(0, batch),
                            in(s, uvc).repeat(0, batch)));
                    System.out.printf(Locale.ROOT, "batched render of %d frame(s): %.2f s wall, %.2f s CPU; peak RSS so far %s; load %s%n",
                            batch, x.wall, x.cpu, peakRss(), loadAverage());
                }
            }
        }
    }

    private static String peakRss() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * The host CPU as the kernel names it (family/model): runs on different hosts of "the same" 2-core machine differ
     * by up to 2x in convolution rate (AVX-512 at full or half width), so every table says which one it ran on.
     */
    private static String cpu() {
        try {
            String info = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo"));
            java.util.regex.Matcher f = java.util.regex.Pattern.compile("(?m)^cpu family\\s*:\\s*(\\d+)").matcher(info);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^model\\s*:\\s*(\\d+)").matcher(info);
            java.util.regex.Matcher n = java.util.regex.Pattern.compile("(?m)^model name\\s*:\\s*(.+)$").matcher(info);
            return (n.find() ? n.group(1).trim() : "?") + ", family " + (f.find() ? f.group(1) : "?") + " model "
                    + (m.find() ? m.group(1) : "?");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
