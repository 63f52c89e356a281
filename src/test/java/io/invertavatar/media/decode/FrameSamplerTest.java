package io.invertavatar.media.decode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameSamplerTest {

    /** Runs a sampler over frames 0..n-1 the way the extractor does, stopping when it says it is done. */
    private static List<Long> run(SamplingPlan plan, int maxFrames, Long declaredCount, int actualFrames) {
        FrameSampler s = FrameSampler.of(plan, maxFrames, declaredCount);
        List<Long> kept = new ArrayList<>();
        for (long i = 0; i < actualFrames && !s.done(); i++) {
            if (s.take(i)) {
                kept.add(i);
            }
        }
        return kept;
    }

    @Test
    void defaultsAreUniformWithAtMost64Frames() {
        assertEquals(new SamplingPlan(SamplingPlan.Mode.UNIFORM, 1, 64), SamplingPlan.defaults());
        assertEquals(64, run(SamplingPlan.defaults(), 1000, 1000L, 1000).size());
        assertEquals(30, run(SamplingPlan.defaults(), 1000, 30L, 30).size());
    }

    @Test
    void allKeepsEveryFrameUpToTheCap() {
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), run(SamplingPlan.all(), 100, 5L, 5));
        assertEquals(List.of(0L, 1L, 2L), run(SamplingPlan.all(), 3, 5L, 5));
    }

    @Test
    void everyKthKeepsMultiplesOfK() {
        assertEquals(List.of(0L, 3L, 6L, 9L), run(SamplingPlan.everyKth(3), 100, 10L, 10));
        assertEquals(List.of(0L, 3L), run(SamplingPlan.everyKth(3), 2, 10L, 10));
        assertEquals(List.of(0L, 1L, 2L), run(SamplingPlan.everyKth(1), 100, null, 3));
    }

    @Test
    void uniformTakesTheCentreOfEachSlice() {
        // 10 frames in 4 slices of 2.5: centres at 1.25, 3.75, 6.25, 8.75
        assertArrayEquals(new long[] {1, 3, 6, 8}, FrameSampler.uniformIndices(10, 4));
        assertArrayEquals(new long[] {12, 37, 62, 87}, FrameSampler.uniformIndices(100, 4));
        assertArrayEquals(new long[] {50}, FrameSampler.uniformIndices(100, 1));
        assertEquals(List.of(1L, 3L, 6L, 8L), run(SamplingPlan.uniform(4), 64, 10L, 10));
    }

    @Test
    void uniformCountIsCappedByMaxFrames() {
        assertEquals(List.of(12L, 37L, 62L, 87L), run(SamplingPlan.uniform(10), 4, 100L, 100));
    }

    @Test
    void uniformWithFewerFramesThanCountKeepsThemAll() {
        assertEquals(List.of(0L, 1L, 2L), run(SamplingPlan.uniform(8), 64, 3L, 3));
    }

    @Test
    void uniformWithoutAFrameCountKeepsTheFirstFrames() {
        assertEquals(List.of(0L, 1L, 2L, 3L), run(SamplingPlan.uniform(4), 64, null, 100));
    }

    @Test
    void uniformStopsEarlyOnceTheLastTargetIsTaken() {
        FrameSampler s = FrameSampler.of(SamplingPlan.uniform(2), 64, 8L);
        for (long i = 0; i <= 6; i++) {
            assertFalse(s.done(), "done before frame " + i);
            s.take(i);
        }
        assertTrue(s.done()); // targets 2 and 6 taken; frame 7 need not be decoded
    }

    @Test
    void invalidPlansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SamplingPlan.everyKth(0));
        assertThrows(IllegalArgumentException.class, () -> SamplingPlan.uniform(0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingPlan(null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> FrameSampler.of(SamplingPlan.all(), 0, 10L));
    }
}
