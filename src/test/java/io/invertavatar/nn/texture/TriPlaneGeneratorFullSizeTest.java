package io.invertavatar.nn.texture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.ops.RandomInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official configuration (synthesis 256², neural rendering 128² with 48 + 48 samples, output 512²) with random
 * weights renders a frame with the official shapes and finite values, and repeated frames do not grow native memory.
 * About 40 s on an idle 2-core machine, in every build; {@code -Dinvertavatar.fullsize=false} skips it.
 */
@DisabledIfSystemProperty(named = "invertavatar.fullsize", matches = "false",
        disabledReason = "full-size frame skipped on request (-Dinvertavatar.fullsize=false)")
class TriPlaneGeneratorFullSizeTest {

    @Test
    void officialConfigurationRendersFramesWithoutNativeGrowth() throws Exception {
        try (NDManager base = NDManager.newBaseManager()) {
            TriPlaneGenerator g = new TriPlaneGenerator(TriPlaneGenerator.Config.official());
            RandomInit.apply(g, base, 3);
            try (NDManager m = base.newSubManager()) {
                TriPlaneGenerator.Output o = TriPlaneGeneratorTest.frame(g, m);
                assertEquals(new Shape(1, 3, 512, 512), o.image().getShape());
                assertEquals(new Shape(1, 3, 128, 128), o.imageRaw().getShape());
                assertEquals(new Shape(1, 32, 128, 128), o.featureImage().getShape());
                assertEquals(new Shape(1, 1, 128, 128), o.imageDepth().getShape());
                assertEquals(new Shape(1, 3, 32, 256, 256), o.triplane().getShape());
                for (NDArray a : new NDArray[] {o.image(), o.featureImage(), o.imageDepth(), o.triplane()}) {
                    TriPlaneGeneratorTest.assertFinite(a, "output " + a.getShape());
                }
            }
        }
        assertFramesReleaseNativeMemory();
    }

    /**
     * Repeated full-size frames must not grow native memory, measured in a JVM of its own
     * ({@link FullSizeFrameMemoryProbe}). A few frames run in every build; the 100-frame measurement is
     * {@code -Dinvertavatar.test.fullsizeLeakRuns=100} (about 8 min, see BENCHMARKS.md).
     */
    private static void assertFramesReleaseNativeMemory() throws Exception {
        int runs = Integer.getInteger("invertavatar.test.fullsizeLeakRuns", 3);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx1g", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), FullSizeFrameMemoryProbe.class.getName(),
                String.valueOf(runs)).redirectErrorStream(true);
        // glibc keeps freed heap memory and grows its arenas for a while, which reads as RSS growth that is no leak;
        // with large blocks mapped (and unmapped on free) RSS follows the live tensors; the build's allocator tuning
        // (GLIBC_TUNABLES, which keeps freed memory on purpose) must not reach this probe
        pb.environment().remove("GLIBC_TUNABLES");
        pb.environment().put("MALLOC_MMAP_THRESHOLD_", "131072");
        pb.environment().put("MALLOC_TRIM_THRESHOLD_", "131072");
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Matcher result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
                Matcher m = PROBE.matcher(line);
                if (m.find()) {
                    result = m;
                }
            }
        }
        assertTrue(p.waitFor(runs * 120L + 300, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, p.exitValue(), "probe failed:\n" + out);
        assertNotNull(result, "no result line from the probe:\n" + out);
        assertEquals(result.group(1), result.group(2), "arrays left attached to the parameter manager");
        long grownMb = Long.parseLong(result.group(3)) / 1024;
        System.out.printf("full-size generator: native memory (RSS - Java heap) grew by %d MB over %d frames%n",
                grownMb, runs);
        // a leaked full-size frame keeps all its intermediates (DJL frees them when the frame's manager closes):
        // 669 MB measured for a frame rendered into a manager left open
        assertTrue(grownMb < 64, "native memory grew by " + grownMb + " MB over " + runs + " frames");
    }

    private static final Pattern PROBE = Pattern.compile("probe managed=(\\d+)/(\\d+) grownKb=(-?\\d+)");
}
