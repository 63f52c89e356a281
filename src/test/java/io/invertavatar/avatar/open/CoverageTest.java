package io.invertavatar.avatar.open;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageTest {

    private final SyntheticHead head = new SyntheticHead();
    private final OpenAvatarBuilder builder = new OpenAvatarBuilder(head.template,
            OpenPackSettings.defaults().withTextureSize(96));
    private final CoverageAnalyzer analyzer = new CoverageAnalyzer(builder);

    @Test
    void coverageGrowsWithViewsFromNewAnglesAndSuggestsTheMissingSide() {
        FusionState s = builder.start();
        AvatarCoverage empty = analyzer.analyse(s);
        assertThat(empty.texture()).isZero();
        assertThat(empty.suggestions()).isNotEmpty();

        double[] yaws = {0, 40, 70, -40, -70};
        double last = 0, lastPose = 0;
        AvatarCoverage c = empty;
        for (int k = 0; k < yaws.length; k++) {
            builder.add(s, head.observe(yaws[k], 0));
            c = analyzer.analyse(s);
            assertThat(c.texture()).as("after yaw %s", yaws[k]).isGreaterThan(last);
            assertThat(c.pose()).isGreaterThan(lastPose);
            last = c.texture();
            lastPose = c.pose();
            if (k == 2) {
                // frontal plus two views showing the person's right side (positive yaw, +x = left):
                // the left side is what is missing
                assertThat(c.suggestions().get(0)).contains("left");
            }
        }
        assertThat(c.pose()).isEqualTo(1.0);
        // the same view again adds (almost) nothing new
        builder.add(s, head.observe(0, 0));
        assertThat(analyzer.analyse(s).texture()).isBetween(last, last + 1e-9);
    }
}
