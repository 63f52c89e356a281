package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.encoders.E4eConfig;
import io.invertavatar.nn.encoders.Encoder4Editing;
import io.invertavatar.nn.encoders.RecurrentOutput;
import io.invertavatar.nn.encoders.TriPlaneSftFeatEncoder;
import io.invertavatar.nn.encoders.TriPlanefeatEncoder;
import io.invertavatar.nn.encoders.UNetConfig;
import io.invertavatar.nn.encoders.layers.FlopCounter;
import io.invertavatar.nn.encoders.layers.NormMode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Encoder-side reconstruction benchmark at the official configuration (random weights, CPU). Not a test:
 * <pre>./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.invertavatar.nn.inversion.EncoderBenchmark</pre>
 * Prints the BENCHMARKS.md tables: per-module times with GFLOP/s next to a same-run 1024^3 matrix-product rate,
 * and few-shot reconstructions of 1, 2, 4, 8, 16 frames run as eval_seq.py chunks them, split by module.
 */
@SuppressWarnings("unchecked")
public final class EncoderBenchmark {

    /** Official PyTorch timings on a 2-thread CPU from issue 7 (seconds). */
    private static final Map<String, Double> OFFICIAL = Map.of("E_w (1 frame)", 1.05, "E_t (1 frame)", 0.80,
            "E_t (4 frames)", 4.41, "E_p (1 frame)", 1.11, "E_p (4 frames)", 5.47);

    private EncoderBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("repeats")) {
            repeats();
            return;
        }
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        try (NDManager m = NDManager.newBaseManager()) {
            double matmul = matmulGflops(m);
            Encoder4Editing ew = new Encoder4Editing(E4eConfig.official());
            TriPlanefeatEncoder et = new TriPlanefeatEncoder(UNetConfig.official(7, false));
            TriPlaneSftFeatEncoder ep = new TriPlaneSftFeatEncoder(UNetConfig.official(6, true));
            RandomWeights.fill(ew, m, 1);
            RandomWeights.fill(et, m, 2);
            RandomWeights.fill(ep, m, 3);

            System.out.printf(Locale.ROOT, "Same-run matrix product (1024^3 float32) at start: %.1f GFLOP/s; load average %s%n%n",
                    matmul, loadAverage());
            System.out.println("| module | ours (s) | GFLOP | GFLOP/s | matmul GFLOP/s (same run, adjacent) | % of matmul rate | official PyTorch (s) | official/ours |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            row("E_w (1 frame)", reps, true, matmul, m, s -> ew.forward(s.randomUniform(-1f, 1f, new Shape(1, 3, 256, 256)), NormMode.BATCH_STATS));
            row("E_t (1 frame)", reps, true, matmul, m, s -> et.forward(s.randomUniform(-1f, 1f, new Shape(1, 1, 7, 256, 256)), null).output().get(0));
            row("E_t (4 frames)", reps, false, matmul, m, s -> et.forward(s.randomUniform(-1f, 1f, new Shape(1, 4, 7, 256, 256)), null).output().get(0));
            row("E_p (1 frame)", reps, true, matmul, m, s -> ep.forward(s.randomUniform(-1f, 1f, new Shape(1, 1, 6, 512, 512)), null).output().get(16));
            row("E_p (4 frames)", reps, false, matmul, m, s -> ep.forward(s.randomUniform(-1f, 1f, new Shape(1, 4, 6, 512, 512)), null).output().get(16));

            // One measured 16-frame reconstruction (4 calls of 4, hidden states carried). The cost of a call does
            // not depend on the frame values, so N frames cost E_w + the first plan(N).size() calls of this run.
            double[][] calls = reconstruction(16, m, ew, et, ep);
            System.out.println();
            System.out.println("| frames | calls of 4 | E_w (s) | UV input (s) | E_t (s) | E_p (s) | encoders total (s) | per added frame (s) |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            double prev = Double.NaN;
            int prevN = 0;
            for (int n : new int[] {1, 2, 4, 8, 16}) {
                int k = FewShotChunks.plan(n).size();
                double[] t = {calls[0][0], 0, 0, 0};
                for (int c = 1; c <= k; c++) {
                    for (int j = 1; j < 4; j++) {
                        t[j] += calls[c][j];
                    }
                }
                double total = t[0] + t[1] + t[2] + t[3];
                String inc = Double.isNaN(prev) ? "—" : String.format(Locale.ROOT, "%.2f", (total - prev) / (n - prevN));
                System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n",
                        n, k, t[0], t[1], t[2], t[3], total, inc);
                prev = total;
                prevN = n;
            }
        }
    }

    /**
     * One call of E_t + E_p for 1 and 2 reference frames (repeated to 4 as eval_seq.py does): every copy computed
     * (official) versus the distinct frames once ({@code FrameOrder}); FLOPs counted, times measured.
     */
    private static void repeats() {
        try (NDManager m = NDManager.newBaseManager()) {
            TriPlanefeatEncoder et = new TriPlanefeatEncoder(UNetConfig.official(7, false));
            TriPlaneSftFeatEncoder ep = new TriPlaneSftFeatEncoder(UNetConfig.official(6, true));
            RandomWeights.fill(et, m, 2);
            RandomWeights.fill(ep, m, 3);
            System.out.println("Load average " + loadAverage());
            System.out.println("| frames | mode | E_t + E_p GFLOP | time (s) | matmul GFLOP/s (adjacent) | time x matmul rate (GFLOP-equivalents) |");
            System.out.println("|---|---|---|---|---|---|");
            for (int n : new int[] {1, 2}) {
                int[] chunk = FewShotChunks.plan(n).get(0);
                io.invertavatar.nn.encoders.FrameOrder fo = io.invertavatar.nn.encoders.FrameOrder.of(chunk);
                for (boolean dedupe : new boolean[] {false, true}) {
                    int frames = dedupe ? fo.distinct().length : chunk.length;
                    int[] order = dedupe ? fo.order() : null;
                    // warm-up, then one measured run
                    double sec = 0;
                    long flops = 0;
                    for (int r = 0; r < 2; r++) {
                        try (NDManager s = m.newSubManager()) {
                            NDArray xt = s.randomUniform(-1f, 1f, new Shape(1, frames, 7, 256, 256));
                            NDArray xp = s.randomUniform(-1f, 1f, new Shape(1, frames, 6, 512, 512));
                            FlopCounter.start();
                            long t0 = System.nanoTime();
                            et.forward(xt, null, order).output().get(3).toFloatArray();
                            ep.forward(xp, null, order).output().get(256).toFloatArray();
                            sec = (System.nanoTime() - t0) / 1e9;
                            flops = FlopCounter.stop();
                        }
                    }
                    double mm = matmulGflops(m);
                    System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %.2f | %.1f | %.0f |%n", n,
                            dedupe ? "distinct frames once" : "every copy (official)", flops / 1e9, sec, mm, sec * mm);
                }
            }
        }
    }

    private interface Step {
        NDArray run(NDManager scope);
    }

    private static void row(String name, int reps, boolean warmUp, double startMatmul, NDManager m, Step step) {
        double matmul = startMatmul;
        long flops = 0;
        double best = Double.MAX_VALUE;
        for (int r = warmUp ? 0 : 1; r <= reps; r++) { // run 0 is the warm-up
            try (NDManager s = m.newSubManager()) {
                FlopCounter.start();
                long t0 = System.nanoTime();
                step.run(s).toFloatArray();
                double sec = (System.nanoTime() - t0) / 1e9;
                flops = FlopCounter.stop();
                if (r > 0 && sec < best) {
                    best = sec;
                    // the shared machine's load changes by the minute: the baseline is re-measured next to each row
                    matmul = matmulGflops(m);
                }
            }
        }
        double gflops = flops / 1e9 / best;
        double official = OFFICIAL.get(name);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %.1f | %.0f%% | %.2f | %.2fx |%n", name, best, flops / 1e9,
                gflops, matmul, 100 * gflops / matmul, official, official / best);
    }

    /**
     * An eval_seq.py reconstruction from n frames: row 0 holds the E_w seconds, row c (c >= 1) the seconds of
     * call c as [unused, UV input, E_t, E_p].
     */
    private static double[][] reconstruction(int n, NDManager m, Encoder4Editing ew, TriPlanefeatEncoder et, TriPlaneSftFeatEncoder ep) {
        List<int[]> plan = FewShotChunks.plan(n);
        double[][] t = new double[plan.size() + 1][4];
        try (NDManager s = m.newSubManager()) {
            NDArray images = s.randomUniform(-1f, 1f, new Shape(n, 3, 512, 512));
            NDArray uv = s.randomUniform(-1f, 1f, new Shape(n, 6, 256, 256));
            NDArray rendered = s.randomUniform(-1f, 1f, new Shape(n, 3, 512, 512)); // stands in for the e4e render
            t[0][0] = time(() -> ew.forward(io.invertavatar.nn.encoders.layers.TensorOps.adaptiveAvgPool(images.get("0:1"), 256),
                    NormMode.BATCH_STATS));
            List<NDArray> rt = null;
            List<NDArray> rp = null;
            int c = 1;
            for (int[] chunk : plan) {
                NDArray idx = s.create(chunk);
                NDArray img = images.get(idx);
                NDArray delta = rendered.get(idx).sub(img);
                NDArray[] uvIn = new NDArray[1];
                t[c][1] = time(() -> uvIn[0] = UvInput.build(uv.get(idx), delta));
                RecurrentOutput<List<NDArray>>[] ot = new RecurrentOutput[1];
                List<NDArray> rt0 = rt;
                t[c][2] = time(() -> (ot[0] = et.forward(uvIn[0].expandDims(0), rt0)).output().get(3));
                rt = ot[0].hidden();
                RecurrentOutput<Map<Integer, NDArray>>[] op = new RecurrentOutput[1];
                List<NDArray> rp0 = rp;
                NDArray triIn = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(img, delta), 1).expandDims(0);
                t[c][3] = time(() -> (op[0] = ep.forward(triIn, rp0)).output().get(256));
                rp = op[0].hidden();
                System.out.printf(Locale.ROOT, "call %d: uv %.2f s, E_t %.2f s, E_p %.2f s, matmul now %.1f GFLOP/s%n", c, t[c][1],
                        t[c][2], t[c][3], matmulGflops(m));
                c++;
            }
        }
        return t;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double time(Supplier<NDArray> work) {
        long t0 = System.nanoTime();
        work.get().toFloatArray(); // forces completion
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double matmulGflops(NDManager m) {
        double best = Double.MAX_VALUE;
        try (NDManager s = m.newSubManager()) {
            NDArray a = s.randomUniform(-1f, 1f, new Shape(1024, 1024));
            NDArray b = s.randomUniform(-1f, 1f, new Shape(1024, 1024));
            for (int r = 0; r < 6; r++) {
                long t0 = System.nanoTime();
                a.matMul(b).toFloatArray();
                double sec = (System.nanoTime() - t0) / 1e9;
                if (r > 0) {
                    best = Math.min(best, sec);
                }
            }
        }
        return 2.0 * 1024 * 1024 * 1024 / 1e9 / best;
    }
}
