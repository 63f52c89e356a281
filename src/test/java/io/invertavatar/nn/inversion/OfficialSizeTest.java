package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.encoders.E4eConfig;
import io.invertavatar.nn.encoders.Encoder4Editing;
import io.invertavatar.nn.encoders.RecurrentOutput;
import io.invertavatar.nn.encoders.TriPlaneSftFeatEncoder;
import io.invertavatar.nn.encoders.TriPlaneSftFeatSegformerDecoder;
import io.invertavatar.nn.encoders.TriPlanefeatEncoder;
import io.invertavatar.nn.encoders.TriPlanefeatSegformerDecoder;
import io.invertavatar.nn.encoders.UNetConfig;
import io.invertavatar.nn.encoders.layers.NormMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official configuration (spec §5): parameter counts against the spec's table, and one forward pass of each
 * few-shot module at full size with random weights (shapes of spec §1.3 / §2.8.3, finite values).
 */
class OfficialSizeTest {

    @Test
    void parameterCountsMatchTheSpecTable() {
        assertEquals(209_450_688L, RandomWeights.trainable(new Encoder4Editing(E4eConfig.official())));
        assertEquals(68_518_304L, RandomWeights.trainable(new TriPlanefeatEncoder(UNetConfig.official(7, false))));
        assertEquals(82_784_960L, RandomWeights.trainable(new TriPlaneSftFeatEncoder(UNetConfig.official(6, true))));
        assertEquals(248_984_032L, RandomWeights.trainable(new TriPlanefeatSegformerDecoder(UNetConfig.official(7, false))));
        assertEquals(254_833_408L, RandomWeights.trainable(new TriPlaneSftFeatSegformerDecoder(UNetConfig.official(6, true))));
    }

    @Test
    void fewShotModulesRunAtFullSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            Encoder4Editing e4e = new Encoder4Editing(E4eConfig.official());
            RandomWeights.fill(e4e, m, 1);
            NDArray w = e4e.forward(m.randomUniform(-1f, 1f, new Shape(1, 3, 256, 256)), NormMode.BATCH_STATS);
            assertEquals(new Shape(1, 14, 512), w.getShape());
            assertFinite(w);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            TriPlanefeatEncoder et = new TriPlanefeatEncoder(UNetConfig.official(7, false));
            RandomWeights.fill(et, m, 2);
            RecurrentOutput<List<NDArray>> r = et.forward(m.randomUniform(-1f, 1f, new Shape(1, 4, 7, 256, 256)), null);
            List<Shape> expected = List.of(new Shape(1, 32, 32, 32), new Shape(1, 512, 32, 32), new Shape(1, 512, 64, 64),
                    new Shape(1, 256, 128, 128));
            for (int i = 0; i < 4; i++) {
                assertEquals(expected.get(i), r.output().get(i).getShape());
                assertFinite(r.output().get(i));
            }
            assertHidden(r.hidden());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            TriPlaneSftFeatEncoder ep = new TriPlaneSftFeatEncoder(UNetConfig.official(6, true));
            RandomWeights.fill(ep, m, 3);
            RecurrentOutput<Map<Integer, NDArray>> r = ep.forward(m.randomUniform(-1f, 1f, new Shape(1, 4, 6, 512, 512)), null);
            Map<Integer, Integer> widths = Map.of(16, 256, 32, 256, 64, 256, 128, 128, 256, 64);
            assertEquals(widths.keySet(), r.output().keySet());
            widths.forEach((res, c) -> {
                assertEquals(new Shape(2, 1, c, res, res), r.output().get(res).getShape());
                assertFinite(r.output().get(res));
            });
            assertHidden(r.hidden());
        }
    }

    private static void assertHidden(List<NDArray> h) {
        List<Shape> expected = List.of(new Shape(1, 512, 16, 16), new Shape(1, 384, 32, 32), new Shape(1, 256, 64, 64),
                new Shape(1, 96, 128, 128));
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), h.get(i).getShape());
        }
    }

    private static void assertFinite(NDArray x) {
        assertTrue(x.isInfinite().any().getBoolean() == false && x.isNaN().any().getBoolean() == false, "non-finite values");
    }
}
