package org.aftermath.web;

import org.aftermath.InvalidInputException.FieldError;

import java.util.Arrays;
import java.util.List;

/** Parses optional query parameters into types, refusing bad values with 400 instead of ignoring them. */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException(List.of(new FieldError(name,
                    "must be one of " + Arrays.toString(type.getEnumConstants()))));
        }
    }

    /** The version an edit was based on: from the body, or from an {@code If-Match: "3"} header. */
    public static Long expectedVersion(Long fromBody, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return fromBody;
        }
        String digits = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            long fromHeader = Long.parseLong(digits);
            if (fromBody != null && fromBody != fromHeader) {
                throw new MalformedRequestException(List.of(new FieldError("version",
                        "differs from the If-Match header (" + fromHeader + ")")));
            }
            return fromHeader;
        } catch (NumberFormatException e) {
            throw new MalformedRequestException(List.of(new FieldError("If-Match", "must be a version such as \"3\"")));
        }
    }
}
