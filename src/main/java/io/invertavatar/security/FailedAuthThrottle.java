package io.invertavatar.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed authentications per client address in a sliding window; once an address reaches the limit it is
 * refused (429) until its oldest failure leaves the window. Bounded: at most {@code maxAddresses} are tracked, the
 * least recently seen dropped first, so a flood of addresses cannot grow memory.
 */
public final class FailedAuthThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final int maxAddresses;
    private final Map<String, Deque<Instant>> failures;

    public FailedAuthThrottle(int maxFailures, Duration window, int maxAddresses, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.maxAddresses = maxAddresses;
        this.failures = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** If the address is throttled now: how long until it may try again. */
    public synchronized Optional<Duration> retryAfter(String address) {
        Deque<Instant> q = failures.get(address);
        if (q == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        prune(q, now);
        if (q.size() < maxFailures) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, q.peekFirst().plus(window));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    public synchronized void recordFailure(String address) {
        Instant now = clock.instant();
        Deque<Instant> q = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        prune(q, now);
        q.addLast(now);
        while (q.size() > maxFailures) {
            q.removeFirst();
        }
        if (failures.size() > maxAddresses) {
            Iterator<String> it = failures.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    public synchronized void recordSuccess(String address) {
        failures.remove(address);
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && q.peekFirst().isBefore(cutoff)) {
            q.removeFirst();
        }
    }
}
