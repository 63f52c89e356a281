package io.invertavatar.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAuthThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void throttlesAfterTheLimitAndReleasesAfterTheWindow() {
        ManualClock clock = new ManualClock();
        FailedAuthThrottle t = new FailedAuthThrottle(20, Duration.ofMinutes(1), 1000, clock);
        for (int i = 0; i < 19; i++) {
            t.recordFailure("10.0.0.1");
        }
        assertThat(t.retryAfter("10.0.0.1")).isEmpty();
        t.recordFailure("10.0.0.1");
        assertThat(t.retryAfter("10.0.0.1")).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(t.retryAfter("10.0.0.2")).isEmpty();
        clock.now = clock.now.plusSeconds(61);
        assertThat(t.retryAfter("10.0.0.1")).isEmpty();
    }

    @Test
    void trackedAddressesAreBounded() {
        ManualClock clock = new ManualClock();
        FailedAuthThrottle t = new FailedAuthThrottle(1, Duration.ofMinutes(1), 10, clock);
        t.recordFailure("first");
        for (int i = 0; i < 10; i++) {
            t.recordFailure("addr" + i);
        }
        assertThat(t.retryAfter("first")).isEmpty();
        assertThat(t.retryAfter("addr9")).isPresent();
    }
}
