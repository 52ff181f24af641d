package org.aftermath.runbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One typed parameter of a runbook, and the rules a value must pass before any step sees it. The regular
 * expressions are written so that Java and {@code grep -E} read them the same way: the exported shell script
 * checks values with exactly these.
 */
public record ParamSpec(String name, ParamType type, boolean required, String defaultValue, String description,
                        String pattern, List<String> values, Long min, Long max, boolean mustExist) {

    /** Longest text a string, secret or path parameter accepts unless {@code max} says otherwise. */
    public static final int TEXT_MAX = 4096;
    public static final String USER_ERE = "[a-zA-Z_][a-zA-Z0-9_.-]{0,31}";
    public static final String HOSTNAME_ERE = "[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*";
    public static final String IPV6_ERE = "[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}";
    /** {@code [user@]host}, where host is a name, an IPv4 address (a name in form) or an IPv6 address. */
    public static final String HOST_ERE = "(" + USER_ERE + "@)?(" + HOSTNAME_ERE + "|" + IPV6_ERE + ")";
    public static final String INTEGER_ERE = "-?[0-9]{1,18}";
    private static final Pattern HOST = Pattern.compile(HOST_ERE);
    private static final Pattern INTEGER = Pattern.compile(INTEGER_ERE);

    /** A value that breaks the parameter's rules; the message completes "params.&lt;name&gt; ...". */
    public static class InvalidValue extends Exception {
        InvalidValue(String message) {
            super(message);
        }
    }

    /** The environment variable a step reads: {@code PARAM_} plus the name upper-cased, no separator. */
    public String envName() {
        return envName(name);
    }

    public static String envName(String name) {
        return "PARAM_" + name.toUpperCase(Locale.ROOT);
    }

    public boolean secret() {
        return type == ParamType.SECRET;
    }

    /** What an absent optional parameter becomes: its default, else {@code false} or empty. */
    public String absentValue() {
        if (defaultValue != null) {
            return defaultValue;
        }
        return type == ParamType.BOOLEAN ? "false" : "";
    }

    /**
     * Checks a non-empty value and returns it in canonical form (integers without leading zeros, paths
     * normalised); strings come back unchanged, byte for byte.
     */
    public String check(String value) throws InvalidValue {
        return check(value, true);
    }

    String check(String value, boolean checkExistence) throws InvalidValue {
        switch (type) {
            case STRING, SECRET -> {
                requireNoControlCharacters(value);
                long longest = max != null ? max : TEXT_MAX;
                if (value.length() > longest) {
                    throw new InvalidValue("must be at most " + longest + " characters");
                }
                if (min != null && value.length() < min) {
                    throw new InvalidValue("must be at least " + min + " characters");
                }
                if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
                    throw new InvalidValue(type == ParamType.SECRET ? "does not match the required pattern"
                            : "must match the pattern " + pattern);
                }
                return value;
            }
            case ENUM -> {
                if (!values.contains(value)) {
                    throw new InvalidValue("must be one of " + String.join(", ", values));
                }
                return value;
            }
            case INTEGER -> {
                if (!INTEGER.matcher(value).matches()) {
                    throw new InvalidValue("must be a whole number such as 42");
                }
                long number = Long.parseLong(value);
                if (min != null && number < min) {
                    throw new InvalidValue("must be at least " + min);
                }
                if (max != null && number > max) {
                    throw new InvalidValue("must be at most " + max);
                }
                return Long.toString(number);
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new InvalidValue("must be true or false");
                }
                return value;
            }
            case PATH -> {
                return checkPath(value, checkExistence);
            }
            case HOST -> {
                if (value.length() > 255 || !HOST.matcher(value).matches()) {
                    throw new InvalidValue("must be a host name or IP address, optionally preceded by user@");
                }
                return value;
            }
        }
        throw new IllegalStateException("unknown type " + type);
    }

    private String checkPath(String value, boolean checkExistence) throws InvalidValue {
        requireNoControlCharacters(value);
        if (value.length() > TEXT_MAX) {
            throw new InvalidValue("must be at most " + TEXT_MAX + " characters");
        }
        if (!value.startsWith("/")) {
            throw new InvalidValue("must be an absolute path starting with /");
        }
        for (String segment : value.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidValue("must not contain ..");
            }
        }
        String normal = Path.of(value).normalize().toString();
        if (mustExist && checkExistence && !Files.exists(Path.of(normal))) {
            throw new InvalidValue("must exist: " + normal + " was not found");
        }
        return normal;
    }

    /** Tab is allowed; every other ASCII control character (newline included) is refused. */
    private static void requireNoControlCharacters(String value) throws InvalidValue {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new InvalidValue("must not contain control characters such as newlines");
            }
        }
    }
}
