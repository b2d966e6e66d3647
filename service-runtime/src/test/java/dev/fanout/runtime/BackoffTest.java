package dev.fanout.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000));

    @Test
    void eachRetryWaitsInTheUpperHalfOfADoublingCeilingCappedAtMax() {
        SplittableRandom random = new SplittableRandom(42);
        long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (int retry = 1; retry <= ceilings.length; retry++) {
            for (int draw = 0; draw < 200; draw++) {
                long millis = backoff.before(retry, random).toMillis();
                long ceiling = ceilings[retry - 1];
                assertTrue(millis >= ceiling / 2 && millis <= ceiling, "retry " + retry + " waited " + millis + " ms");
            }
        }
    }

    @Test
    void theWaitIsJitteredByTheRandomSourceAndOnlyByIt() {
        Set<Duration> seen = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int draw = 0; draw < 50; draw++) {
            seen.add(backoff.before(3, random));
        }
        assertTrue(seen.size() > 40, "spread: " + seen.size() + " distinct waits of 50");
        assertEquals(backoff.before(3, new SplittableRandom(7)), backoff.before(3, new SplittableRandom(7)));
    }

    @Test
    void manyRetriesNeitherOverflowNorPassMax() {
        assertTrue(backoff.before(10_000, new SplittableRandom(1)).toMillis() <= 1_000);
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ZERO).before(5, new SplittableRandom(1)));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> backoff.before(0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
