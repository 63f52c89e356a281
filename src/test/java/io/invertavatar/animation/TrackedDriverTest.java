package io.invertavatar.animation;

import org.junit.jupiter.api.Test;

import io.invertavatar.geometry.RgbImage;

import static org.assertj.core.api.Assertions.assertThat;

class TrackedDriverTest {

    /** 3×2 picture whose red channel numbers the pixels 0..5 row by row. */
    private static RgbImage numbered() {
        float[] rgb = new float[3 * 6];
        for (int i = 0; i < 6; i++) {
            rgb[3 * i] = i;
        }
        return new RgbImage(3, 2, rgb);
    }

    private static float[] red(RgbImage img) {
        float[] r = new float[img.width() * img.height()];
        for (int i = 0; i < r.length; i++) {
            r[i] = img.rgb()[3 * i];
        }
        return r;
    }

    @Test
    void rotatesByQuarterTurnsClockwise() {
        // 0 1 2      clockwise 90:  3 0
        // 3 4 5                     4 1
        //                           5 2
        RgbImage r90 = TrackedDriver.rotateClockwise(numbered(), 90);
        assertThat(r90.width()).isEqualTo(2);
        assertThat(r90.height()).isEqualTo(3);
        assertThat(red(r90)).containsExactly(3, 0, 4, 1, 5, 2);
        assertThat(red(TrackedDriver.rotateClockwise(numbered(), 180))).containsExactly(5, 4, 3, 2, 1, 0);
        RgbImage r270 = TrackedDriver.rotateClockwise(numbered(), 270);
        assertThat(red(r270)).containsExactly(2, 5, 1, 4, 0, 3);
        assertThat(TrackedDriver.rotateClockwise(numbered(), 0).rgb()).isEqualTo(numbered().rgb());
    }
}
