package io.invertavatar.tracking;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AstronautTrackingTest {

    /*
     * Hand-measured on src/test/resources/tracking/astronaut.png (512×512): the region x 180..270, y 85..160 was viewed
     * at 8× nearest-neighbour zoom with a 10-px grid drawn over it (src/test/java/.../GridCrop-style helper, not
     * committed), and each point read off the grid to ~1 px. Eye centre = midpoint between the two eye corners at
     * pupil height; nose tip = centre of the specular highlight on the tip; mouth corner = where upper and lower lip meet.
     */
    static final Point2 LEFT_EYE = new Point2(203, 101.5);    // image left (subject's right)
    static final Point2 RIGHT_EYE = new Point2(247.5, 103.5);
    static final Point2 NOSE_TIP = new Point2(224, 127);
    static final Point2 MOUTH_LEFT = new Point2(203, 140);
    static final Point2 MOUTH_RIGHT = new Point2(244, 141.5);

    @Test
    void findsOneFaceWithLandmarksWhereMeasuredByHand() {
        FrameTracking t = TrackerFixture.tracker().track(TrackerFixture.astronaut());
        assertThat(t.faces()).hasSize(1);
        assertThat(t.hasFace()).isTrue();
        assertThat(t.mesh().landmarks()).hasNumberOfRows(FaceMesh.POINTS);
        assertThat(t.mesh().presence()).isGreaterThan(0.9);
        FiveLandmarks f = t.fivePoints();
        List<Point2> expected = List.of(LEFT_EYE, RIGHT_EYE, NOSE_TIP, MOUTH_LEFT, MOUTH_RIGHT);
        for (int i = 0; i < 5; i++) {
            assertThat(f.asList().get(i).distance(expected.get(i))).as("point %d: %s", i, f.asList().get(i)).isLessThan(6.0);
        }
    }

    @Test
    void poseIsNearFrontalAndCanonicalLandmarksMatchTheModel() {
        FaceTracker tracker = TrackerFixture.tracker();
        FrameTracking t = tracker.track(TrackerFixture.astronaut());
        // the astronaut faces the camera with the head slightly tilted (eyes ~2 px lower on the image's right: ~3°)
        assertThat(Math.abs(t.pose().yaw())).isLessThan(20);
        assertThat(Math.abs(t.pose().pitch())).isLessThan(20);
        assertThat(t.pose().roll()).isBetween(-12.0, 3.0);
        // canonical-space landmarks should land near the canonical model (cm); expression moves mouth/eyes a little
        float[][] c = t.canonical();
        double err = 0;
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            float[] v = tracker.canonicalModel().vertex(i);
            err += Math.sqrt(sq(c[i][0] - v[0]) + sq(c[i][1] - v[1]) + sq(c[i][2] - v[2]));
        }
        assertThat(err / FaceMesh.POINTS).isLessThan(1.0);
        // she smiles broadly: the mouth is wider than the neutral face's
        assertThat(t.expression().mouthWidth()).isGreaterThan(tracker.expressions().neutral().mouthWidth());
    }

    @Test
    void alignedCropPutsTheFaceWhereTheEg3dTemplateDoes() {
        FaceTracker tracker = TrackerFixture.tracker();
        var image = TrackerFixture.astronaut();
        FrameTracking t = tracker.track(image);
        AlignedCrop crop = tracker.alignedCrop(image, t);
        assertThat(crop.image().getWidth()).isEqualTo(512);
        assertThat(crop.camera()).hasSize(25);
        // FFHQ/EG3D 512 crops have the eyes at y ≈ 0.48·512 ± and centred horizontally (template is symmetric)
        Point2 le = crop.map(t.fivePoints().leftEye()), re = crop.map(t.fivePoints().rightEye());
        assertThat((le.x() + re.x()) / 2).isBetween(236.0, 276.0);
        assertThat(re.x() - le.x()).isBetween(90.0, 170.0);
        // camera looks at the face from ~2.7 in front: z of the origin positive, intrinsics as §4.2
        assertThat(crop.camera()[11]).isBetween(2.4f, 3.2f);
        assertThat(crop.camera()[16]).isEqualTo(4.2647f);
        assertThat(crop.camera()[18]).isEqualTo(0.5f);
    }

    private static double sq(double v) {
        return v * v;
    }
}
