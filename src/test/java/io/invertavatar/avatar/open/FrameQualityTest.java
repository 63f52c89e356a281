package io.invertavatar.avatar.open;

import io.invertavatar.geometry.RgbImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameQualityTest {

    private final SyntheticHead head = new SyntheticHead();

    @Test
    void blurLowersQuality() {
        FaceObservation sharp = head.observe(0, 0);
        // add fine detail (a checker of ±0.05) to make the "sharp" frame textured like skin and features
        float[] rgb = sharp.image().rgb().clone();
        for (int p = 0; p < rgb.length / 3; p++) {
            float d = ((p % SyntheticHead.SIZE + p / SyntheticHead.SIZE) % 2 == 0) ? 0.05f : -0.05f;
            for (int c = 0; c < 3; c++) {
                rgb[3 * p + c] += d;
            }
        }
        RgbImage detailed = new RgbImage(SyntheticHead.SIZE, SyntheticHead.SIZE, rgb);
        // a 2×2 box (even size) removes the 1-px detail entirely, like defocus does
        RgbImage blurred = boxBlur(detailed, 1);
        float q1 = FrameQuality.estimate(detailed, sharp.meshPixels());
        float q2 = FrameQuality.estimate(blurred, sharp.meshPixels());
        assertThat(q1).isGreaterThan(0.9f);
        assertThat(q2).isLessThan(q1 * 0.5f);
        assertThat(q2).isGreaterThan(0f);
    }

    @Test
    void badTrackingIsRefused() {
        FaceObservation f = head.observe(0, 0);
        float[] mesh = f.meshPixels().clone();
        mesh[5] = Float.NaN;
        assertThatThrownBy(() -> new FaceObservation(f.image(), mesh, f.pose()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> new HeadPose(new double[]{2, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orthonormal");
    }

    private static RgbImage boxBlur(RgbImage img, int r) {
        int w = img.width(), h = img.height();
        float[] in = img.rgb(), out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] s = new float[3];
                int n = 0;
                for (int dy = 0; dy <= r; dy++) {
                    for (int dx = 0; dx <= r; dx++) {
                        int xx = Math.min(w - 1, Math.max(0, x + dx)), yy = Math.min(h - 1, Math.max(0, y + dy));
                        for (int c = 0; c < 3; c++) {
                            s[c] += in[3 * (yy * w + xx) + c];
                        }
                        n++;
                    }
                }
                for (int c = 0; c < 3; c++) {
                    out[3 * (y * w + x) + c] = s[c] / n;
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
