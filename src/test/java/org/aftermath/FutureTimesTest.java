package org.aftermath;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rule itself, against a fixed clock: up to the skew ahead is "now", a second more is the future. */
class FutureTimesTest {

    private static final Instant NOW = Instant.parse("2023-02-08T16:00:00Z");

    private static FutureTimes withSkew(Duration skew) {
        return new FutureTimes(Clock.fixed(NOW, ZoneOffset.UTC), () -> skew);
    }

    @Test
    void upToTheSkewAheadIsAcceptedAndASecondMoreIsRefusedNamingTheField() {
        FutureTimes times = withSkew(Duration.ofMinutes(5));
        assertDoesNotThrow(() -> times.check().time("startedAt", "Impact started", NOW.plus(Duration.ofMinutes(5)))
                .time("detectedAt", "Detected", NOW.minus(Duration.ofDays(400))).time("mitigatedAt", "Mitigated", null)
                .require());

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> times.check()
                .time("startedAt", "Impact started", NOW.plus(Duration.ofMinutes(5)).plusSeconds(1))
                .time("detectedAt", "Detected", NOW)
                .time("resolvedAt", "Resolved", Instant.parse("2031-01-01T00:00:00Z"))
                .require());
        assertEquals(List.of(
                new InvalidInputException.FieldError("startedAt",
                        "Impact started must not be in the future (more than 5 minutes ahead of the server clock)"),
                new InvalidInputException.FieldError("resolvedAt",
                        "Resolved must not be in the future (more than 5 minutes ahead of the server clock)")),
                refused.errors());
    }

    @Test
    void onlyAChangedTimeIsChecked() {
        FutureTimes times = withSkew(Duration.ofMinutes(5));
        Instant stored = Instant.parse("2031-01-01T00:00:00Z");
        assertDoesNotThrow(() -> times.check().changed("startedAt", "Started", stored, Change.to(stored))
                .changed("startedAt", "Started", stored, Change.absent()).require());
        assertThrows(InvalidInputException.class, () -> times.check()
                .changed("startedAt", "Started", NOW, Change.to(stored)).require());
    }

    @Test
    void theSkewReadsInWordsAndMayBeZero() {
        assertEquals("5 minutes", FutureTimes.words(Duration.ofMinutes(5)));
        assertEquals("1 minute", FutureTimes.words(Duration.ofMinutes(1)));
        assertEquals("2 hours", FutureTimes.words(Duration.ofHours(2)));
        assertEquals("90 seconds", FutureTimes.words(Duration.ofSeconds(90)));
        assertEquals("0 seconds", FutureTimes.words(Duration.ZERO));

        FutureTimes strict = withSkew(Duration.ZERO);
        assertDoesNotThrow(() -> strict.check().time("at", "Resolved at", NOW).require());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> strict.check().time("at", "Resolved at", NOW.plusSeconds(1)).require());
        assertEquals("Resolved at must not be in the future (more than 0 seconds ahead of the server clock)",
                refused.errors().get(0).message());
        assertThrows(IllegalStateException.class, () -> withSkew(Duration.ofMinutes(-1)));
    }
}
