package org.aftermath.web;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Failures that look like the server's but are the client's: input PostgreSQL refuses to store, and form
 * bodies RESTEasy cannot decode. They are answered 400 with what to fix, not logged as errors.
 */
final class ClientMistakes {

    private ClientMistakes() {
    }

    /** What was wrong with the request, if the failure was caused by it. */
    static Optional<String> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                Optional<String> refused = refusedByDatabase(sql.getSQLState());
                if (refused.isPresent()) {
                    return refused;
                }
            }
        }
        return whileReadingAForm(failure);
    }

    private static Optional<String> refusedByDatabase(String sqlState) {
        return Optional.ofNullable(switch (sqlState) {
            case "22021", "22P05" -> "Text must not contain the NUL character or invalid UTF-8";
            case "22008", "22007" -> "A date or time is outside the range Aftermath keeps (years 1 to 9999)";
            case "22003" -> "A number is outside the range Aftermath keeps";
            default -> null;
        });
    }

    /**
     * RESTEasy decodes a form body before any resource sees it and throws plain exceptions for broken
     * percent-encoding, too many fields or a cut-off multipart body: the client's mistake, recognised by where
     * it was thrown.
     */
    private static Optional<String> whileReadingAForm(Throwable failure) {
        if (failure.getCause() != null) {
            return Optional.empty();
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("org.jboss.resteasy.reactive.server.core.multipart.FormEncodedDataDefinition")) {
                return Optional.of(String.valueOf(failure.getMessage()).startsWith("Param limit")
                        ? "A form may have at most 1,000 fields"
                        : "The form's body is not valid URL encoding: every % must be followed by two hexadecimal digits");
            }
            if (type.startsWith("org.jboss.resteasy.reactive.server.core.multipart.MultiPartParserDefinition")) {
                return Optional.of("The form's body is not valid multipart/form-data");
            }
        }
        return Optional.empty();
    }
}
