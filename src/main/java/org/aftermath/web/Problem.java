package org.aftermath.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import org.aftermath.InvalidInputException.FieldError;

import java.util.List;

/** An RFC 9457 problem document; the only error body the JSON API ever sends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "urn:aftermath:problem:";

    public static Problem of(Response.StatusType status, String kind, String detail) {
        return new Problem(kind == null ? "about:blank" : TYPE_BASE + kind, status.getReasonPhrase(),
                status.getStatusCode(), detail, null, null, null);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors, errorId);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, errorId);
    }

    public Problem withErrorId(String id) {
        return new Problem(type, title, status, detail, instance, errors, id);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
