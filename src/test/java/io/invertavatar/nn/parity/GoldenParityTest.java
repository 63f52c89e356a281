package io.invertavatar.nn.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every golden vector in {@code invertavatar.golden.dir} through the runner for its module and compares
 * every stored {@code out.*} (and each {@code mid.*} the runner computes) with the vector's own tolerance.
 * A vector whose module no runner knows fails. A missing folder skips the suite with a message.
 */
class GoldenParityTest {

    static Path goldenDir() {
        return Path.of(System.getProperty("invertavatar.golden.dir", "../shared/golden"));
    }

    /**
     * {@code -Dinvertavatar.golden.only=encoder4editing,e2e_fewshot} runs only those vectors (file names without
     * {@code .json}); unset or empty runs every vector.
     */
    static List<String> only() {
        String v = System.getProperty("invertavatar.golden.only", "").trim();
        return v.isEmpty() ? List.of() : java.util.Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static boolean selected(Path json) {
        List<String> only = only();
        return only.isEmpty() || only.contains(json.getFileName().toString().replaceFirst("\\.json$", ""));
    }

    @TestFactory
    Stream<DynamicTest> everyVector() throws IOException {
        Path dir = goldenDir();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "golden vectors not found at " + dir.toAbsolutePath() + " (set -Dinvertavatar.golden.dir): parity suite SKIPPED");
        List<Path> jsons;
        try (Stream<Path> s = Files.list(dir)) {
            jsons = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("_"))
                    .filter(p -> Files.exists(p.resolveSibling(p.getFileName().toString().replaceFirst("\\.json$", ".safetensors"))))
                    .filter(GoldenParityTest::selected)
                    .sorted().toList();
        }
        assertTrue(!jsons.isEmpty(), "no vectors in " + dir + (only().isEmpty() ? "" : " named " + only()));
        List<VectorRunner> runners = VectorRunners.all();
        return jsons.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> runOne(p, runners)));
    }

    private static void runOne(Path json, List<VectorRunner> runners) throws Exception {
        try (GoldenVector v = GoldenVector.open(json); NDManager m = NDManager.newBaseManager()) {
            VectorRunner runner = runners.stream().filter(r -> r.modules().contains(v.module())).findFirst()
                    .orElseThrow(() -> new AssertionError("no runner can build module " + v.module() + " of vector " + v.name()));
            Map<String, NDArray> got = runner.run(v, m);
            List<String> failures = new ArrayList<>();
            int compared = 0;
            for (String name : v.file().entries().keySet()) {
                boolean isOut = name.startsWith("out.");
                boolean isMid = name.startsWith("mid.");
                if (!isOut && !isMid) {
                    continue;
                }
                NDArray g = got.get(name);
                if (g == null) {
                    if (isOut) {
                        failures.add(name + ": not produced");
                    }
                    continue;
                }
                compared++;
                String err = compare(name, g, v.tensor(name, m), v.storedStride(name), v.atol(), v.rtol());
                if (err != null) {
                    failures.add(err);
                }
            }
            if (!failures.isEmpty()) {
                fail(v.name() + " (" + compared + " compared): " + String.join("; ", failures));
            }
            assertTrue(compared > 0, v.name() + ": nothing compared");
        }
    }

    static String compare(String name, NDArray got, NDArray expected, int stride, double atol, double rtol) {
        NDArray g = got;
        if (stride > 1) {
            int nd = (int) g.getShape().dimension();
            StringBuilder idx = new StringBuilder();
            for (int i = 0; i < nd - 2; i++) {
                idx.append(":,");
            }
            idx.append("::").append(stride).append(",::").append(stride);
            g = g.get(new NDIndex(idx.toString()));
        }
        if (!g.getShape().equals(expected.getShape())) {
            return name + ": shape " + g.getShape() + " != expected " + expected.getShape();
        }
        double[] a = g.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] b = expected.toType(DataType.FLOAT64, false).toDoubleArray();
        int bad = 0;
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (!(d <= atol + rtol * Math.abs(b[i]))) {
                bad++;
                if (!(d <= worst)) {
                    worst = d;
                    worstAt = i;
                }
            }
        }
        if (bad == 0) {
            return null;
        }
        return String.format("%s: %d/%d elements off, worst |d|=%.3g at %d (got %.6g expected %.6g)",
                name, bad, a.length, worst, worstAt, a[worstAt], b[worstAt]);
    }
}
