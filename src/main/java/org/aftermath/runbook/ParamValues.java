package org.aftermath.runbook;

import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values of one run, checked against the runbook's types before anything runs. Steps get them
 * only as environment variables; what is shown and stored has every secret replaced by {@link #MASK}.
 */
public record ParamValues(Map<String, Object> shown, Map<String, String> environment, Map<String, String> secrets) {

    public static final String MASK = "****";

    /**
     * Checks the given values (JSON scalars or form strings) against the runbook's parameters.
     *
     * @throws InvalidInputException with one {@code params.<name>} error per bad or unknown parameter (422)
     */
    public static ParamValues check(Runbook runbook, Map<String, ?> given) {
        Map<String, ?> values = given == null ? Map.of() : given;
        List<FieldError> errors = new ArrayList<>();
        for (String name : values.keySet()) {
            if (runbook.param(name).isEmpty()) {
                errors.add(new FieldError("params." + name, "is not a parameter of runbook " + runbook.slug()));
            }
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (ParamSpec spec : runbook.params()) {
            String field = "params." + spec.name();
            String value;
            try {
                String raw = text(spec, values.get(spec.name()));
                if (raw == null || raw.isEmpty()) {
                    if (spec.required() && spec.defaultValue() == null) {
                        errors.add(new FieldError(field, "is required"));
                        continue;
                    }
                    value = spec.absentValue();
                } else {
                    value = spec.check(raw);
                }
            } catch (ParamSpec.InvalidValue e) {
                errors.add(new FieldError(field, e.getMessage()));
                continue;
            }
            environment.put(spec.envName(), value);
            if (spec.secret()) {
                if (!value.isEmpty()) {
                    secrets.put(spec.envName(), value);
                }
                shown.put(spec.name(), value.isEmpty() ? "" : MASK);
            } else {
                shown.put(spec.name(), typed(spec, value));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ParamValues(shown, environment, secrets);
    }

    /** The environment a stored run's steps get back from its shown values plus the secrets kept in memory. */
    public static Map<String, String> environment(Runbook runbook, Map<String, Object> shown, Map<String, String> secrets) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (ParamSpec spec : runbook.params()) {
            Object value = shown.get(spec.name());
            environment.put(spec.envName(), spec.secret() ? secrets.getOrDefault(spec.envName(), "")
                    : value == null ? "" : value.toString());
        }
        return environment;
    }

    /** JSON gives numbers and booleans their own types; forms give text. Both end up as text here. */
    private static String text(ParamSpec spec, Object value) throws ParamSpec.InvalidValue {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (spec.type() == ParamType.INTEGER && (value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            return value.toString();
        }
        if (spec.type() == ParamType.BOOLEAN && value instanceof Boolean b) {
            return b.toString();
        }
        throw new ParamSpec.InvalidValue(switch (spec.type()) {
            case INTEGER -> "must be a whole number";
            case BOOLEAN -> "must be true or false";
            default -> "must be a string";
        });
    }

    private static Object typed(ParamSpec spec, String value) {
        if (value.isEmpty()) {
            return value;
        }
        return switch (spec.type()) {
            case INTEGER -> Long.parseLong(value);
            case BOOLEAN -> Boolean.parseBoolean(value);
            default -> value;
        };
    }
}
