package org.aftermath.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times relative to now for tests of the future-time rule, with margins no slow machine can eat. */
public final class Times {

    /** The message after the field's label when a time is refused with the default skew (5 minutes). */
    public static final String AHEAD = " must not be in the future (more than 5 minutes ahead of the server clock)";

    private static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private Times() {
    }

    /** A day ahead, ISO-8601 as the API takes it: far beyond any skew. */
    public static String tomorrow() {
        return Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Two minutes ahead: within the 5 minutes allowed, even if the test takes a while to get there. */
    public static String inTwoMinutes() {
        return Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A day ahead as a {@code datetime-local} field in that zone holds it. */
    public static String tomorrowTypedIn(String zone) {
        return FORM.format(LocalDateTime.now(ZoneId.of(zone)).plusDays(1));
    }
}
