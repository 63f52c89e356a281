package io.invertavatar.web;

import org.junit.jupiter.api.Test;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.media.decode.SamplingPlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaControllerSamplingTest {

    @Test
    void samplingParametersMapToPlans() {
        assertThat(MediaController.sampling(null, null, null)).isNull();
        assertThat(MediaController.sampling("all", null, null)).isEqualTo(SamplingPlan.all());
        assertThat(MediaController.sampling("EVERY", 5, null)).isEqualTo(SamplingPlan.everyKth(5));
        assertThat(MediaController.sampling("uniform", null, 16)).isEqualTo(SamplingPlan.uniform(16));
    }

    @Test
    void badSamplingIsA400() {
        for (Object[] bad : new Object[][] {{"sometimes", null, null}, {"every", null, null}, {"every", 0, null},
                {"uniform", null, 0}, {null, 3, null}}) {
            assertThatThrownBy(() -> MediaController.sampling((String) bad[0], (Integer) bad[1], (Integer) bad[2]))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        }
    }
}
