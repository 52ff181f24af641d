package org.aftermath.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.aftermath.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time zone of the person reading a page. The browser reports it once (app.js stores it in the
 * {@code tz} cookie); until then pages show UTC. Stored times are always UTC.
 */
@RequestScoped
public class ReaderZone {

    public static final String COOKIE = "tz";
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    // "UTC" rather than ZoneOffset.UTC, whose id prints as "Z".
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final ZoneId zone;
    private final boolean reportedByBrowser;

    ReaderZone(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        ZoneId parsed = null;
        if (cookie != null) {
            try {
                parsed = ZoneId.of(java.net.URLDecoder.decode(cookie.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (DateTimeException | IllegalArgumentException e) {
                parsed = null;
            }
        }
        this.reportedByBrowser = parsed != null;
        this.zone = parsed != null ? parsed : UTC;
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean reportedByBrowser() {
        return reportedByBrowser;
    }

    /** "2023-02-07 11:00" in the reader's zone. */
    public String format(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.atZone(zone));
    }

    /** The value for an {@code <input type="datetime-local">}. */
    public String inputValue(Instant instant) {
        return instant == null ? "" : INPUT.format(instant.atZone(zone));
    }

    /**
     * Reads a {@code datetime-local} field typed in the reader's zone. Blank means "not set".
     *
     * @throws InvalidInputException naming the field when the text is not a time
     */
    public Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDateTime time = LocalDateTime.parse(value.strip());
            if (time.getYear() < FormReader.FIRST_YEAR || time.getYear() > FormReader.LAST_YEAR) {
                throw new InvalidInputException(field, FormReader.YEAR_RANGE);
            }
            return time.atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date and time such as 2023-02-07T11:00");
        }
    }

    public static String utc(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.atZone(ZoneOffset.UTC)) + " UTC";
    }
}
