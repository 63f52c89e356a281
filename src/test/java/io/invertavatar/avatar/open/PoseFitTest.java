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
    void imagePlaneFitIgnoresWrongDepthAndPointsThatMovedOnTheirOwn() {
        HeadPose truth = HeadPose.fromEuler(Math.toRadians(20), Math.toRadians(-6), 0.05, 10, 250, 220, 40);
        float[] image = truth.apply(head.mesh.positions());
        double meanZ = 0;
        for (int i = 2; i < image.length; i += 3) {
            meanZ += image[i] / (image.length / 3);
        }
        int n = image.length / 3;
        for (int i = 0; i < n; i++) {
            // a tracker's depth, compressed by 15% (as MediaPipe's is at 20° of yaw)
            image[3 * i + 2] = (float) (meanZ + 0.85 * (image[3 * i + 2] - meanZ));
            // an eighth of the points moved by an expression
            if (i % 8 == 0) {
                image[3 * i + 1] += 15;
            }
        }
        HeadPose threeD = PoseFit.fit(head.mesh.positions(), image, null, null);
        HeadPose start = HeadPose.fromEuler(Math.toRadians(12), 0, 0, 9, 240, 230, 40);
        HeadPose fit = PoseFit.fitImagePlane(head.mesh.positions(), image, start);
        assertThat(angleDeg(fit.rotation(), truth.rotation())).isLessThan(0.2)
                .isLessThan(angleDeg(threeD.rotation(), truth.rotation()));
        assertThat(fit.scale()).isCloseTo(10, within(0.02));
        assertThat(fit.translation()[0]).isCloseTo(250, within(0.2));
        assertThat(fit.translation()[1]).isCloseTo(220, within(0.2));
        assertThat(fit.translation()[2]).isEqualTo(40);
    }

    @Test
    void vertexWeightsSpreadABasisOverAllVertices() {
        float[] w = PoseFit.vertexWeights(5, new int[]{1, 3}, new float[]{0.5f, 2f});
        assertThat(w).containsExactly(0f, 0.5f, 0f, 2f, 0f);
    }

    private static double angleDeg(double[] a, double[] b) {
        double tr = 0;
        for (int i = 0; i < 9; i++) {
            tr += a[i] * b[i];
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (tr - 1) / 2))));
    }

    @Test
    void degenerateInputIsRefused() {
        assertThatThrownBy(() -> PoseFit.fit(new float[9], new float[9], null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
