package io.invertavatar.nn.texture;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.invertavatar.nn.ops.RandomInit;

/**
 * Renders official-size frames in a JVM of its own and prints how native memory (RSS − Java heap) moved, so the
 * figure is not disturbed by the other tests of the build (their Spring contexts' threads move RSS by hundreds of
 * MB). Run by {@link TriPlaneGeneratorFullSizeTest}; prints one line {@code probe managed=A/B grownKb=N frames=R}.
 */
public final class FullSizeFrameMemoryProbe {

    private FullSizeFrameMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        try (NDManager base = NDManager.newBaseManager()) {
            TriPlaneGenerator g = new TriPlaneGenerator(TriPlaneGenerator.Config.official());
            RandomInit.apply(g, base, 3);
            // two frames first: libtorch's caches and the allocator reach their plateau
            for (int i = 0; i < 2; i++) {
                try (NDManager m = base.newSubManager()) {
                    TriPlaneGeneratorTest.frame(g, m);
                }
            }
            int managedBefore = ((BaseNDManager) base).getManagedArrays().size();
            long before = TriPlaneGeneratorTest.nativeKb();
            for (int i = 0; i < runs; i++) {
                try (NDManager m = base.newSubManager()) {
                    TriPlaneGeneratorTest.frame(g, m);
                }
            }
            long grown = TriPlaneGeneratorTest.nativeKb() - before;
            int managedAfter = ((BaseNDManager) base).getManagedArrays().size();
            System.out.printf("probe managed=%d/%d grownKb=%d frames=%d%n", managedBefore, managedAfter, grown, runs);
        }
    }
}
