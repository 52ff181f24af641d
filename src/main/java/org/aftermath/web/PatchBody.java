package org.aftermath.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftermath.Change;
import org.aftermath.InvalidInputException.FieldError;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a JSON merge-patch body: a field that is absent stays unchanged, {@code null} clears it.
 * Collects every type error before failing so the client can fix them all at once.
 */
public final class PatchBody {

    private final ObjectNode body;
    private final List<FieldError> errors = new ArrayList<>();

    private PatchBody(ObjectNode body) {
        this.body = body;
    }

    /** Refuses a missing body and unknown field names (a typo must not be silently ignored). */
    public static PatchBody of(JsonNode body, String... knownFields) {
        if (body == null || !body.isObject()) {
            throw new MalformedRequestException(List.of(new FieldError("body", "must be a JSON object")));
        }
        PatchBody patch = new PatchBody((ObjectNode) body);
        Set<String> known = new TreeSet<>(Arrays.asList(knownFields));
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                patch.errors.add(new FieldError(name, "unknown field; known fields: " + known));
            }
        }
        return patch;
    }

    public Change<String> text(String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return Change.absent();
        }
        if (node.isNull()) {
            return Change.to(null);
        }
        if (!node.isTextual()) {
            return error(field, "expected a string");
        }
        if (TextWithoutControls.forbiddenAt(node.textValue()) >= 0) {
            return error(field, "expected text without control characters (such as NUL; tab and line breaks are fine)");
        }
        return Change.to(node.textValue());
    }

    public Change<Instant> instant(String field) {
        Change<String> text = text(field);
        if (!text.present() || text.value() == null) {
            return text.present() ? Change.to(null) : Change.absent();
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(text.value());
            if (time.getYear() < FormReader.FIRST_YEAR || time.getYear() > FormReader.LAST_YEAR) {
                return error(field, FormReader.YEAR_RANGE);
            }
            return Change.to(time.toInstant());
        } catch (DateTimeParseException e) {
            return error(field, "expected an ISO-8601 time such as 2023-02-07T16:00:00Z");
        }
    }

    public Change<LocalDate> date(String field) {
        Change<String> text = text(field);
        if (!text.present() || text.value() == null) {
            return text.present() ? Change.to(null) : Change.absent();
        }
        try {
            LocalDate date = LocalDate.parse(text.value());
            if (date.getYear() < FormReader.FIRST_YEAR || date.getYear() > FormReader.LAST_YEAR) {
                return error(field, FormReader.YEAR_RANGE);
            }
            return Change.to(date);
        } catch (DateTimeParseException e) {
            return error(field, "expected a date such as 2023-02-14");
        }
    }

    public <E extends Enum<E>> Change<E> enumValue(String field, Class<E> type) {
        Change<String> text = text(field);
        if (!text.present() || text.value() == null) {
            return text.present() ? Change.to(null) : Change.absent();
        }
        try {
            return Change.to(Enum.valueOf(type, text.value()));
        } catch (IllegalArgumentException e) {
            return error(field, "expected one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public Change<Boolean> bool(String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return Change.absent();
        }
        if (!node.isBoolean()) {
            return error(field, "expected true or false");
        }
        return Change.to(node.booleanValue());
    }

    public Long version() {
        JsonNode node = body.get("version");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            error("version", "expected a number");
            return null;
        }
        return node.longValue();
    }

    /** Call after reading every field: throws when any field was malformed. */
    public void requireValid() {
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
    }

    private <T> Change<T> error(String field, String message) {
        errors.add(new FieldError(field, message));
        return Change.absent();
    }
}
