package org.aftermath.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A brake on password guessing, per (client address, user name) and per client address. It never counts
 * failures on the user alone: that would let anyone lock the admin out from anywhere. A correct password
 * from another address is always checked.
 * <p>
 * Kept in memory: each instance brakes on its own, and a restart forgets (which an attacker cannot cause).
 */
@ApplicationScoped
class LoginThrottle {

    /** Failures for one user from one address that cost nothing but the per-failure delay. */
    static final int FREE_FAILURES = 5;
    /** After those, the next attempt waits this long, doubling with every further failure up to {@link #MAX_WAIT}. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    /** Failures from one address, across all names, within {@link #ADDRESS_WINDOW}, before it is refused. */
    static final int ADDRESS_FAILURES = 100;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    /** A pair not failing for this long starts afresh. */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_ENTRIES = 100_000;

    private record PairFailures(int count, Instant last) {
    }

    private record AddressFailures(int count, Instant windowStart) {
    }

    private final Map<String, PairFailures> pairs = new ConcurrentHashMap<>();
    private final Map<String, AddressFailures> addresses = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this pair must still wait, if it is refused now (without checking any password). */
    Optional<Duration> refusal(String client, String username) {
        Instant now = clock.instant();
        AddressFailures address = addresses.get(client);
        if (address != null && address.count() >= ADDRESS_FAILURES) {
            Instant until = address.windowStart().plus(ADDRESS_WINDOW);
            if (until.isAfter(now)) {
                return Optional.of(Duration.between(now, until));
            }
        }
        PairFailures pair = pairs.get(key(client, username));
        if (pair != null && pair.count() >= FREE_FAILURES) {
            Instant until = pair.last().plus(wait(pair.count()));
            if (until.isAfter(now)) {
                return Optional.of(Duration.between(now, until));
            }
        }
        return Optional.empty();
    }

    void failed(String client, String username) {
        Instant now = clock.instant();
        sweepIfFull(now);
        pairs.compute(key(client, username), (k, old) -> old == null || old.last().plus(FORGET_AFTER).isBefore(now)
                ? new PairFailures(1, now) : new PairFailures(old.count() + 1, now));
        addresses.compute(client, (k, old) -> old == null || old.windowStart().plus(ADDRESS_WINDOW).isBefore(now)
                ? new AddressFailures(1, now) : new AddressFailures(old.count() + 1, old.windowStart()));
    }

    void succeeded(String client, String username) {
        pairs.remove(key(client, username));
    }

    static Duration wait(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static String key(String client, String username) {
        return client + "\n" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    /** Someone spraying names could otherwise grow the maps without end. */
    private void sweepIfFull(Instant now) {
        if (pairs.size() + addresses.size() < MAX_ENTRIES) {
            return;
        }
        pairs.values().removeIf(p -> p.last().plus(FORGET_AFTER).isBefore(now));
        addresses.values().removeIf(a -> a.windowStart().plus(ADDRESS_WINDOW).isBefore(now));
        if (pairs.size() >= MAX_ENTRIES / 2) {
            // Still full of fresh names: forget pairs, keep the per-address brake, which is what stops a sprayer.
            pairs.clear();
        }
    }
}
