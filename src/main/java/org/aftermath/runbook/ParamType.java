package org.aftermath.runbook;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The kinds of value a runbook parameter can take, and which front-matter keys make sense for each. */
public enum ParamType {
    STRING, ENUM, INTEGER, BOOLEAN, PATH, HOST, SECRET;

    /** Keys every parameter may carry. */
    static final Set<String> COMMON_KEYS = Set.of("type", "required", "default", "description");

    public String id() {
        return name().toLowerCase();
    }

    /** The keys this type accepts beyond the common ones. */
    Set<String> extraKeys() {
        return switch (this) {
            case STRING, SECRET -> Set.of("pattern", "min", "max");
            case ENUM -> Set.of("values");
            case INTEGER -> Set.of("min", "max");
            case PATH -> Set.of("mustExist");
            case BOOLEAN, HOST -> Set.of();
        };
    }

    /** Types whose {@code min}/{@code max} bound the length of the text rather than a number. */
    boolean boundsLength() {
        return this == STRING || this == SECRET;
    }

    static ParamType parse(String id) {
        for (ParamType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        return null;
    }

    static String choices() {
        return Arrays.stream(values()).map(ParamType::id).collect(Collectors.joining(", "));
    }
}
