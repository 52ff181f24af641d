package org.aftermath.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The status word of a public update, as status pages use it. */
public enum PublicStatus {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }

    public static PublicStatus parse(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(value.strip())).findFirst().orElse(null);
    }

    @JsonCreator
    public static PublicStatus fromJson(String value) {
        return Optional.ofNullable(parse(value)).orElseThrow(() -> new IllegalArgumentException("unknown status"));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(PublicStatus::id).toList();
    }
}
