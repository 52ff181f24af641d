package org.aftermath;

/** A thing the client named does not exist; the API answers 404, pages show a not-found page. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
