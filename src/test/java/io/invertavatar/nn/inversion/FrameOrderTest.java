package io.invertavatar.nn.inversion;

import io.invertavatar.nn.encoders.FrameOrder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FrameOrderTest {

    @Test
    void oneFrameRepeatedIsComputedOnce() {
        FrameOrder o = FrameOrder.of(new int[] {0, 0, 0, 0});
        assertArrayEquals(new int[] {0}, o.distinct());
        assertArrayEquals(new int[] {0, 0, 0, 0}, o.order());
    }

    @Test
    void twoFramesRepeatedAreComputedOnceEach() {
        FrameOrder o = FrameOrder.of(new int[] {3, 5, 3, 5});
        assertArrayEquals(new int[] {3, 5}, o.distinct());
        assertArrayEquals(new int[] {0, 1, 0, 1}, o.order());
    }

    @Test
    void unequalRepeatsAndDistinctFramesRunAsGiven() {
        // [0 2 4 0]: the batch statistics of 3 distinct frames would differ from those of the 4-frame call
        FrameOrder unequal = FrameOrder.of(new int[] {0, 2, 4, 0});
        assertArrayEquals(new int[] {0, 2, 4, 0}, unequal.distinct());
        assertNull(unequal.order());
        assertNull(FrameOrder.of(new int[] {0, 1, 2, 3}).order());
    }
}
