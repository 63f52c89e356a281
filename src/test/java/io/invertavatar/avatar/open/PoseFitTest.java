package io.invertavatar.avatar.open;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PoseFitTest {

    private final SyntheticHead head = new SyntheticHead();

    @Test
    void recoversAKnownPoseFromATrackedMesh() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            HeadPose truth = HeadPose.fromEuler(Math.toRadians(rnd.nextDouble() * 120 - 60),
                    Math.toRadians(rnd.nextDouble() * 60 - 30), Math.toRadians(rnd.nextDouble() * 40 - 20),
                    5 + rnd.nextDouble() * 20, rnd.nextDouble() * 500, rnd.nextDouble() * 500, rnd.nextDouble() * 10);
            float[] image = truth.apply(head.mesh.positions());
            HeadPose fit = PoseFit.fit(head.mesh.positions(), image, null, null);
            for (int i = 0; i < 9; i++) {
                assertThat(fit.rotation()[i]).isCloseTo(truth.rotation()[i], within(1e-6));
            }
            assertThat(fit.scale()).isCloseTo(truth.scale(), within(1e-6 * truth.scale()));
            for (int i = 0; i < 3; i++) {
                assertThat(fit.translation()[i]).isCloseTo(truth.translation()[i], within(1e-3));
            }
        }
    }

    @Test
    void toleratesNoiseAndUsesOnlyTheGivenWeightedPoints() {
        HeadPose truth = HeadPose.fromEuler(0.3, -0.2, 0.1, 12, 200, 180, 0);
        float[] image = truth.apply(head.mesh.positions());
        Random rnd = new Random(5);
        for (int i = 0; i < image.length; i++) {
            image[i] += (float) rnd.nextGaussian() * 0.5f;
        }
        int[] ids = new int[image.length / 3 / 2];
        float[] w = new float[ids.length];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = 2 * k;
            w[k] = 1 + k % 3;
        }
        // vertices not in ids are wrecked: the fit must not look at them
        for (int k = 0; k < ids.length; k++) {
            image[3 * (2 * k + 1)] += 1000;
        }
        HeadPose fit = PoseFit.fit(head.mesh.positions(), image, ids, w);
        for (int i = 0; i < 9; i++) {
            assertThat(fit.rotation()[i]).isCloseTo(truth.rotation()[i], within(0.01));
        }
        assertThat(fit.scale()).isCloseTo(12, within(0.1));
    }

    @Test
    void degenerateInputIsRefused() {
        assertThatThrownBy(() -> PoseFit.fit(new float[9], new float[9], null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
