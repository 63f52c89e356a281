package io.invertavatar.tracking;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The astronaut photo transformed in the pixel domain (shift, scale, in-plane rotation, mirror): the mesh found on
 * the transformed picture, mapped back through the inverse transform, must land on the mesh of the original picture
 * (median error ≤ 2 px in the original 512-px frame), and roll must follow the rotation.
 */
class TrackingEquivarianceTest {

    @ParameterizedTest(name = "shift ({0},{1}) scale {2} rotate {3}° mirror {4}")
    @CsvSource({
        "60, -40, 1.0, 0, false",
        "-90, 70, 1.0, 0, false",
        "0, 0, 0.5, 0, false",
        "0, 0, 2.0, 0, false",
        "0, 0, 1.0, 30, false",
        "0, 0, 1.0, -30, false",
        "0, 0, 1.0, 0, true",
        "40, 20, 1.5, 15, true",
    })
    void landmarksTransformWithThePicture(double dx, double dy, double scale, double degrees, boolean mirror) throws Exception {
        FaceTracker tracker = TrackerFixture.tracker();
        BufferedImage src = TrackerFixture.astronaut();
        FrameTracking ref = tracker.track(src);

        int size = (int) Math.round(512 * scale);
        // about the face centre so that the face stays in frame; mirror about the vertical image axis
        double fx = ref.mesh().bounds().centerX(), fy = ref.mesh().bounds().centerY();
        AffineTransform t = new AffineTransform();
        t.translate(size / 2.0 + dx, size / 2.0 + dy);
        t.rotate(Math.toRadians(-degrees)); // negative angle in y-down coordinates = counter-clockwise on screen
        t.scale(mirror ? -scale : scale, scale);
        t.translate(-fx, -fy);
        BufferedImage img = TestImages.transformed(src, t, size, size);

        FrameTracking got = tracker.track(img);
        assertThat(got.hasFace()).isTrue();
        AffineTransform inv = t.createInverse();
        int[] map = mirror ? MirrorMap.of(tracker.canonicalModel()) : identity();
        double[] err = new double[FaceMesh.POINTS];
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            float[] p = got.mesh().landmarks()[map[i]];
            // Java2D maps pixel corners, as our landmark coordinates do
            Point2D back = inv.transform(new Point2D.Double(p[0], p[1]), null);
            float[] q = ref.mesh().landmarks()[i];
            err[i] = Math.hypot(back.getX() - q[0], back.getY() - q[1]);
        }
        Arrays.sort(err);
        double median = err[err.length / 2];
        System.out.printf("equivariance shift(%s,%s) scale %s rot %s mirror %s: median %.2f px, max %.2f px, roll %.1f%n",
                dx, dy, scale, degrees, mirror, median, err[err.length - 1], got.pose().roll());
        assertThat(median).as("median landmark error (px at 512)").isLessThanOrEqualTo(2.0);

        double expectedRoll = (mirror ? -ref.pose().roll() : ref.pose().roll()) + degrees;
        assertThat(angleDiff(got.pose().roll(), expectedRoll)).as("roll %s vs %s", got.pose().roll(), expectedRoll)
                .isLessThan(3.0);
        if (mirror) {
            assertThat(angleDiff(got.pose().yaw(), -ref.pose().yaw())).isLessThan(4.0);
        }
    }

    private static double angleDiff(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }

    private static int[] identity() {
        int[] m = new int[FaceMesh.POINTS];
        for (int i = 0; i < m.length; i++) {
            m[i] = i;
        }
        return m;
    }
}
