package io.invertavatar.tracking;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OneEuroFilterTest {
    @Test
    void reducesNoiseOnASlowSignalAndFollowsAStep() {
        OneEuroFilter f = new OneEuroFilter(1.0, 0.0);
        Random r = new Random(3);
        double rawErr = 0, filtErr = 0;
        for (int k = 0; k < 200; k++) {
            double truth = Math.sin(k / 200.0);
            double noisy = truth + r.nextGaussian() * 0.05;
            double out = f.filter(noisy, 1 / 25.0);
            if (k > 20) {
                rawErr += Math.abs(noisy - truth);
                filtErr += Math.abs(out - truth);
            }
        }
        System.out.printf("one-euro raw %.4f filtered %.4f%n", rawErr, filtErr);
        assertThat(filtErr).isLessThan(rawErr * 0.6);
        OneEuroFilter fast = new OneEuroFilter(1.0, 50.0);
        double out = 0;
        for (int k = 0; k < 10; k++) {
            out = fast.filter(k < 5 ? 0 : 1, 1 / 25.0);
        }
        assertThat(out).isGreaterThan(0.9);
    }
}
