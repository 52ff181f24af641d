package org.aftermath.web;

import org.aftermath.InvalidInputException.FieldError;

import java.util.List;

/** A request whose fields have the wrong JSON types or names: 400, one error per field. */
public class MalformedRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public MalformedRequestException(List<FieldError> errors) {
        super(errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
