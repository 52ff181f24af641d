package org.aftermath.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The brake's arithmetic on a clock the test moves: waits that grow, windows that pass, pairs kept apart. */
class LoginThrottleTest {

    /** A clock that stands still until moved. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2023-02-07T16:00:00Z");

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

    private final Hands clock = new Hands();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String client, String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(client, user);
        }
    }

    @Test
    void freeFailuresThenAWaitThatDoublesUpToTheCap() {
        fail("203.0.113.7", "admin", LoginThrottle.FREE_FAILURES - 1);
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.7", "admin"));
        fail("203.0.113.7", "admin", 1);
        assertEquals(Optional.of(Duration.ofSeconds(30)), throttle.refusal("203.0.113.7", "Admin "), "names compare as logins do");
        clock.now = clock.now.plusSeconds(30);
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.7", "admin"), "the wait passed");
        fail("203.0.113.7", "admin", 1);
        assertEquals(Optional.of(Duration.ofMinutes(1)), throttle.refusal("203.0.113.7", "admin"));
        fail("203.0.113.7", "admin", 10);
        assertEquals(Optional.of(LoginThrottle.MAX_WAIT), throttle.refusal("203.0.113.7", "admin"));
    }

    @Test
    void anotherAddressAndAnotherNameAreNotBraked() {
        fail("203.0.113.7", "admin", 30);
        assertEquals(Optional.empty(), throttle.refusal("198.51.100.1", "admin"));
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.7", "ana"));
    }

    @Test
    void successClearsThePairAndAnHourOfQuietForgetsIt() {
        fail("203.0.113.7", "admin", LoginThrottle.FREE_FAILURES - 1);
        throttle.succeeded("203.0.113.7", "admin");
        fail("203.0.113.7", "admin", 1);
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.7", "admin"));
        fail("203.0.113.7", "admin", LoginThrottle.FREE_FAILURES - 2);
        clock.now = clock.now.plus(Duration.ofHours(2));
        fail("203.0.113.7", "admin", 1);
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.7", "admin"), "old failures were forgotten");
    }

    @Test
    void anAddressSprayingNamesIsRefusedUntilItsWindowEnds() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
            throttle.failed("203.0.113.99", "name-" + i);
            clock.now = clock.now.plusSeconds(1);
        }
        Optional<Duration> refused = throttle.refusal("203.0.113.99", "someone-else");
        assertTrue(refused.isPresent());
        assertEquals(LoginThrottle.ADDRESS_WINDOW.minusSeconds(LoginThrottle.ADDRESS_FAILURES), refused.get());
        assertEquals(Optional.empty(), throttle.refusal("198.51.100.1", "someone-else"));
        clock.now = clock.now.plus(LoginThrottle.ADDRESS_WINDOW);
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.99", "someone-else"));
    }
}
