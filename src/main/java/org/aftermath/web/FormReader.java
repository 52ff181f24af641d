package org.aftermath.web;

import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts HTML form strings to typed values, collecting a message per bad field so the form can be shown
 * again with every problem beside its field at once.
 */
public final class FormReader {

    /** Years PostgreSQL keeps and a person means; 1 and 9999 are already generous. */
    static final int FIRST_YEAR = 1;
    static final int LAST_YEAR = 9999;
    static final String YEAR_RANGE = "must be in a year between 1 and 9999";

    private final ReaderZone zone;
    private final List<FieldError> errors = new ArrayList<>();

    public FormReader(ReaderZone zone) {
        this.zone = zone;
    }

    public String required(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return value.strip();
    }

    /** A {@code datetime-local} value in the reader's zone; blank is null. */
    public Instant time(String field, String value) {
        try {
            return zone.parse(field, value);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    public LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
                errors.add(new FieldError(field, YEAR_RANGE));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date such as 2023-02-14"));
            return null;
        }
    }

    public <E extends Enum<E>> E choice(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    public Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
    }

    /** Throws with every collected error, if any. */
    public void requireValid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Field name to message, the shape templates show beside each field. */
    public static Map<String, String> messages(InvalidInputException e) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (FieldError error : e.errors()) {
            messages.merge(error.field(), error.message(), (a, b) -> a + "; " + b);
        }
        return messages;
    }
}
