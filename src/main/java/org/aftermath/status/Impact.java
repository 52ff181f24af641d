package org.aftermath.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How badly an incident affects one service, from least to worst. */
public enum Impact {
    DEGRADED("degraded", "Degraded performance"),
    PARTIAL_OUTAGE("partial-outage", "Partial outage"),
    MAJOR_OUTAGE("major-outage", "Major outage");

    /** The word in JSON, forms and CSS classes. */
    public final String id;
    public final String label;

    Impact(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Accepts the JSON word or the constant name, in any case; null for anything else. */
    public static Impact parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(i -> i.id.equalsIgnoreCase(v) || i.name().equalsIgnoreCase(v))
                .findFirst().orElse(null);
    }

    @JsonCreator
    public static Impact fromJson(String value) {
        return Optional.ofNullable(parse(value)).orElseThrow(() -> new IllegalArgumentException("unknown impact"));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(i -> i.id).toList();
    }

    public static Impact worse(Impact a, Impact b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
