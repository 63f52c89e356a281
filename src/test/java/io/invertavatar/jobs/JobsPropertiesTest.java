package io.invertavatar.jobs;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobsPropertiesTest {

    private static JobsProperties props(Duration initial, double multiplier, Duration max) {
        return new JobsProperties(null, 0, 0, initial, multiplier, max, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(2), "", Duration.ZERO);
    }

    @Test
    void backoffGrowsGeometricallyUpToTheCap() {
        JobsProperties p = props(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nonsenseCountsAreRaisedToOne() {
        JobsProperties p = props(Duration.ofMillis(100), 1.0, Duration.ofSeconds(1));
        assertThat(p.concurrency()).isEqualTo(1);
        assertThat(p.maxAttempts()).isEqualTo(1);
        assertThat(p.queuePrefix()).isEmpty();
    }
}
