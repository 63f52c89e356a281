package io.invertavatar.nn.texture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.ops.RandomInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import ai.djl.ndarray.BaseNDManager;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official configuration (synthesis 256², neural rendering 128² with 48 + 48 samples, output 512²) with random
 * weights renders one frame with the official shapes and finite values. It takes minutes of CPU on 2 cores, so it
 * runs in every build (about 20 s on an idle 2-core machine); {@code -Dinvertavatar.fullsize=false} skips it.
 */
@DisabledIfSystemProperty(named = "invertavatar.fullsize", matches = "false",
        disabledReason = "full-size frame skipped on request (-Dinvertavatar.fullsize=false)")
class TriPlaneGeneratorFullSizeTest {

    @Test
    void officialConfigurationRendersFramesWithoutNativeGrowth() throws IOException {
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
            assertFramesReleaseNativeMemory(g, base);
        }
    }

    /**
     * Repeated full-size frames must not grow native memory. A few frames run in every build; the issue's
     * 100-frame measurement is {@code -Dinvertavatar.test.fullsizeLeakRuns=100} (about 8 min, see BENCHMARKS.md).
     */
    private static void assertFramesReleaseNativeMemory(TriPlaneGenerator g, NDManager base) throws IOException {
        try (NDManager m = base.newSubManager()) {
            TriPlaneGeneratorTest.frame(g, m); // second frame: libtorch's caches and the allocator reach their plateau
        }
        int managed = ((BaseNDManager) base).getManagedArrays().size();
        long before = TriPlaneGeneratorTest.nativeKb();
        int runs = Integer.getInteger("invertavatar.test.fullsizeLeakRuns", 3);
        for (int i = 0; i < runs; i++) {
            try (NDManager m = base.newSubManager()) {
                TriPlaneGeneratorTest.frame(g, m);
            }
        }
        assertEquals(managed, ((BaseNDManager) base).getManagedArrays().size(),
                "arrays left attached to the parameter manager");
        long grownMb = (TriPlaneGeneratorTest.nativeKb() - before) / 1024;
        System.out.printf("full-size generator: native memory (RSS - Java heap) grew by %d MB over %d frames%n",
                grownMb, runs);
        // DJL frees a frame's intermediates only when its manager closes, so a leaked full-size frame keeps all of
        // them: 669 MB measured (a frame rendered into a manager left open), i.e. 2 GB over 3 frames. In the build this JVM also hosts the cached
        // Spring contexts of other tests, whose threads move RSS by 100-250 MB on their own; 1 GB separates the two.
        // The 100-frame measurement in a JVM of its own grew by 3 MB (BENCHMARKS.md).
        assertTrue(grownMb < 1024, "native memory grew by " + grownMb + " MB over " + runs + " frames");
    }
}
