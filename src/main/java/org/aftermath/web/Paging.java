package org.aftermath.web;

import org.aftermath.InvalidInputException.FieldError;

import java.util.ArrayList;
import java.util.List;

/** Page number (from 0) and size taken from query parameters, with limits. */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static Paging parse(String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        int p = parseInt("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int s = parseInt("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
        return new Paging(p, s);
    }

    private static int parseInt(String name, String value, int fallback, int min, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                errors.add(new FieldError(name, "must be between " + min + " and " + max));
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number"));
            return fallback;
        }
    }
}
