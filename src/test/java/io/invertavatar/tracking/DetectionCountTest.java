package io.invertavatar.tracking;

import org.junit.jupiter.api.Test;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionCountTest {

    @Test
    void twoFacesOnOneCanvasGiveTwoDetections() {
        // the short-range detector wants faces of ≳ 15 % of the frame width: use the head region of the photo twice
        BufferedImage head = TrackerFixture.astronaut().getSubimage(120, 30, 210, 210);
        BufferedImage canvas = new BufferedImage(440, 220, BufferedImage.TYPE_3BYTE_BGR);
        var g = canvas.createGraphics();
        g.drawImage(head, 0, 5, null);
        // the second copy smaller and mirrored, so that it is not a plain repetition
        AffineTransform t = new AffineTransform();
        t.translate(440, 30);
        t.scale(-0.8, 0.8);
        g.drawImage(head, t, null);
        g.dispose();
        FrameTracking got = TrackerFixture.tracker().track(canvas);
        assertThat(got.faces()).hasSize(2);
        // the chosen face is the largest: the unscaled copy on the left
        assertThat(got.face().box().centerX()).isLessThan(220);
        assertThat(got.faces().get(0).box().iou(got.faces().get(1).box())).isZero();
    }

    @Test
    void aLandscapeHasNoFace() {
        FrameTracking got = TrackerFixture.tracker().track(TestImages.landscape(960, 540, 7));
        assertThat(got.faces()).isEmpty();
        assertThat(got.hasFace()).isFalse();
        assertThat(got.mesh()).isNull();
    }
}
