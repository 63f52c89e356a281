package io.invertavatar.avatar.open;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic person drives itself: ground-truth frames under known poses and expressions are the driving
 * video; the avatar built from three neutral frames is reenacted with them and compared inside the face mask.
 */
class SelfReenactmentTest {

    private final SyntheticHead head = new SyntheticHead();
    private final OpenPackSettings settings = OpenPackSettings.defaults().withTextureSize(256);
    private final OpenAvatarBuilder builder = new OpenAvatarBuilder(head.template, settings);
    private final OpenAvatarRenderer renderer = new OpenAvatarRenderer(head.template, settings);

    @Test
    void reenactedFramesMatchTheDriverInsideTheFace() {
        FusionState state = builder.build(List.of(head.observe(-30, 0), head.observe(0, 0), head.observe(30, 0)));
        PreparedAvatar avatar = renderer.prepare(state);
        MotionRetarget retarget = new MotionRetarget(avatar.reference().pose());

        // driver: starts neutral and frontal (as the avatar's reference), then turns, nods, tilts, moves and talks
        double[][] motion = {
                {0, 0, 0, 0, 0, 0, 0},
                {12, 0, 0, 3, 0, 0.3, 0},
                {-15, 8, 0, -4, 2, 0.6, 0.2},
                {8, -10, 6, 0, -3, 0, 0.8},
                {-20, 5, -5, 5, 4, 1.0, 0.5},
                {20, -6, 3, -2, 1, 0.5, 1.0},
        };
        List<Double> psnrs = new ArrayList<>();
        for (double[] m : motion) {
            float[] expression = head.expression(m[5], m[6]);
            SyntheticHead.Frame truth = head.render(SyntheticHead.pose(m[0], m[1], m[2], m[3], m[4]), expression);
            // the driver is tracked exactly here: its mesh and pose are the ground truth's
            MotionRetarget.Target target = retarget.next(truth.meshPixels(), truth.pose());
            Rendering out = renderer.render(avatar, target.pose(), target.expressionOffsets());
            psnrs.add(SyntheticHead.psnr(out.image().rgb(), truth.image().rgb(), truth.mask()));
            // the avatar's face lands where the driver's is
            float[] mask = out.faceMask();
            int both = 0, either = 0;
            for (int p = 0; p < mask.length; p++) {
                boolean a = mask[p] > 0.5f, b = truth.mask()[p] > 0.5f;
                both += a && b ? 1 : 0;
                either += a || b ? 1 : 0;
            }
            assertThat((double) both / either).isGreaterThan(0.97);
        }
        System.out.println("self-reenactment PSNR inside the face mask: " + psnrs);
        assertThat(psnrs).allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(25.0));
    }

    @Test
    void unseenTexelsFallBackToPlausibleColoursNotGarbage() {
        // only a frontal frame: the sides of the head were never seen
        FusionState state = builder.build(List.of(head.observe(0, 0)));
        PreparedAvatar avatar = renderer.prepare(state);
        Rendering out = renderer.render(avatar, SyntheticHead.pose(65, 0, 0, 0, 0), null);
        float[] rgb = out.image().rgb();
        // the rim (feather width, 5% of ~180 px) is blended with the warped picture by design: look inside it
        float[] mask = erode(out.faceMask(), SyntheticHead.SIZE, 12);
        int checked = 0;
        // every face pixel is a colour the skin pattern can take (its channel ranges, plus a little slack)
        float[][] range = {{0.44f - 0.03f, 0.80f + 0.03f}, {0.30f - 0.03f, 0.60f + 0.03f}, {0.23f - 0.03f, 0.47f + 0.03f}};
        for (int p = 0; p < mask.length; p++) {
            if (mask[p] > 0.5f) {
                checked++;
                for (int c = 0; c < 3; c++) {
                    assertThat(rgb[3 * p + c]).isBetween(range[c][0], range[c][1]);
                }
            }
        }
        assertThat(checked).isGreaterThan(5000);
    }

    private static float[] erode(float[] mask, int size, int r) {
        float[] out = new float[mask.length];
        for (int y = r; y < size - r; y++) {
            for (int x = r; x < size - r; x++) {
                boolean all = true;
                for (int dy = -r; dy <= r && all; dy++) {
                    for (int dx = -r; dx <= r && all; dx++) {
                        all = mask[(y + dy) * size + x + dx] > 0.5f;
                    }
                }
                out[y * size + x] = all ? 1f : 0f;
            }
        }
        return out;
    }
}
