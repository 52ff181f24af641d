package org.aftermath;

/** The request is well-formed but clashes with the current state (illegal transition, stale version): 409. */
public class ConflictException extends RuntimeException {

    private final String type;

    public ConflictException(String type, String message) {
        super(message);
        this.type = type;
    }

    /** Short machine-readable reason, e.g. {@code illegal-transition} or {@code stale-version}. */
    public String type() {
        return type;
    }
}
