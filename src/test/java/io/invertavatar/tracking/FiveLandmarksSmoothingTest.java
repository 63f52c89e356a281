package io.invertavatar.tracking;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FiveLandmarksSmoothingTest {

    private static FiveLandmarks at(double x, double y) {
        Point2 p = new Point2(x, y);
        return new FiveLandmarks(p, p, p, p, p);
    }

    @Test
    void anImpulseBecomesTheNormalisedGaussianKernel() {
        // scipy.ndimage.gaussian_filter1d(σ=3) of a unit impulse far from the borders: exp(-k²/18) / Σ_{|k|≤12}
        List<FiveLandmarks> seq = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            seq.add(at(i == 20 ? 1 : 0, 0));
        }
        double norm = 0;
        for (int k = -12; k <= 12; k++) {
            norm += Math.exp(-k * k / 18.0);
        }
        List<FiveLandmarks> out = FiveLandmarks.smoothed(seq, 3.0);
        for (int k = -14; k <= 14; k++) {
            double expected = Math.abs(k) <= 12 ? Math.exp(-k * k / 18.0) / norm : 0;
            assertThat(out.get(20 + k).nose().x()).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void framesWithoutAFaceAreSkippedAndALinearRampKeepsItsInterior() {
        List<FiveLandmarks> seq = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            seq.add(i == 30 ? null : at(2.0 * i, 5));
        }
        List<FiveLandmarks> out = FiveLandmarks.smoothed(seq, 3.0);
        assertThat(out.get(30)).isNull();
        // symmetric kernel on a ramp: unchanged away from the gap and the borders
        assertThat(out.get(15).leftEye().x()).isCloseTo(30.0, within(1e-9));
        assertThat(out.get(15).leftEye().y()).isCloseTo(5.0, within(1e-9));
        // reflect border: the first value is pulled towards the inside, not towards zero
        assertThat(out.get(0).leftEye().x()).isGreaterThan(0.0).isLessThan(6.0);
        // shorter than the kernel still works
        assertThat(FiveLandmarks.smoothed(List.of(at(1, 1), at(3, 1)), 3.0).get(0).nose().x()).isBetween(1.0, 3.0);
    }
}
