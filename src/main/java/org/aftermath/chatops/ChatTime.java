package org.aftermath.chatops;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time typed after {@code at} in a chat command, in UTC as chat shows times unless it says otherwise:
 * {@code 14:05} (today), {@code 2023-02-07 14:05}, or {@code 2023-02-07T09:05-05:00}. "Today" is the server's,
 * so the parser stays pure and the command resolves the time with the clock.
 */
record ChatTime(LocalDate date, LocalTime time, ZoneOffset offset) {

    static final String FORMS = "14:05 (today, UTC), 2023-02-07 14:05 (UTC) or 2023-02-07T09:05-05:00";

    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?Z?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Words that are meant as a time, even if mistyped: digits, then a colon or a dash. */
    private static final Pattern TIME_LIKE = Pattern.compile("\\d{1,4}[:-].*");

    Instant on(Clock clock) {
        LocalDate day = date != null ? date : LocalDate.ofInstant(clock.instant(), offset);
        return LocalDateTime.of(day, time).toInstant(offset);
    }

    static boolean isDate(String word) {
        return DATE.matcher(word).matches();
    }

    static boolean looksLikeTime(String word) {
        return TIME_LIKE.matcher(word).matches();
    }

    /** {@code 14:05} today, or a whole ISO date and time in one word; null when the word is neither. */
    static ChatTime parse(String word) {
        try {
            Matcher clock = CLOCK.matcher(word);
            if (clock.matches()) {
                return new ChatTime(null, clockTime(clock), ZoneOffset.UTC);
            }
            if (word.length() > 10 && isDate(word.substring(0, 10)) && (word.charAt(10) == 'T' || word.charAt(10) == 't')) {
                String iso = word.toUpperCase(java.util.Locale.ROOT);
                try {
                    OffsetDateTime at = OffsetDateTime.parse(iso);
                    return new ChatTime(at.toLocalDate(), at.toLocalTime(), at.getOffset());
                } catch (DateTimeException e) {
                    LocalDateTime at = LocalDateTime.parse(iso);
                    return new ChatTime(at.toLocalDate(), at.toLocalTime(), ZoneOffset.UTC);
                }
            }
        } catch (DateTimeException e) {
            throw notATime(word);
        }
        return null;
    }

    /** A date word and a clock word: {@code 2023-02-07 14:05}. */
    static ChatTime parse(String dateWord, String clockWord) {
        Matcher clock = CLOCK.matcher(clockWord);
        if (!clock.matches()) {
            throw notATime(dateWord + " " + clockWord);
        }
        try {
            return new ChatTime(LocalDate.parse(dateWord), clockTime(clock), ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw notATime(dateWord + " " + clockWord);
        }
    }

    static IllegalArgumentException notATime(String typed) {
        return new IllegalArgumentException("'" + typed + "' is not a time; write " + FORMS);
    }

    private static LocalTime clockTime(Matcher clock) {
        return LocalTime.of(Integer.parseInt(clock.group(1)), Integer.parseInt(clock.group(2)),
                clock.group(3) == null ? 0 : Integer.parseInt(clock.group(3)));
    }
}
