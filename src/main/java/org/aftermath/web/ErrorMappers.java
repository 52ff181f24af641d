package org.aftermath.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.NotFoundException;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every exception into what the client can use: problem+json under /api, a readable page elsewhere.
 * Nothing here ever sends a stack trace, an exception message from a library, or a class name.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** Where login sends the user back to: the page first asked for (a local path, never a whole URL). */
    public static final String LOGIN_RETURN_COOKIE = "aftermath-return-to";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail, List<FieldError> errors,
                                             String errorId);
    }

    /** No (valid) credentials: the API asks for them, pages send the browser to the login form and back. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        if (wantsHtml(request)) {
            // Only a page can be returned to after login; a form post cannot be replayed.
            if (request.method() == HttpMethod.GET) {
                request.response().addCookie(Cookies.of(request, LOGIN_RETURN_COOKIE, request.uri(), CookieSameSite.LAX)
                        .setMaxAge(600));
            }
            return Response.seeOther(URI.create("/login")).build();
        }
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated",
                        "Send an API token as 'Authorization: Bearer <token>' or a user name and password with HTTP Basic")
                .at(request.path()).toResponse())
                .header("WWW-Authenticate", "Bearer realm=\"Aftermath\", Basic realm=\"Aftermath\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(request, Problem.of(Response.Status.FORBIDDEN, "forbidden",
                "Your role does not allow this; ask an admin if you need it"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return respond(request, Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, HttpServerRequest request) {
        return respond(request, Problem.of(Response.Status.CONFLICT, e.type(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, HttpServerRequest request) {
        return respond(request, validation(e.errors()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(request, validation(errors));
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response staleWrite(RuntimeException e, HttpServerRequest request) {
        return respond(request, Problem.of(Response.Status.CONFLICT, "stale-version",
                "Someone else changed this at the same moment; reload it and apply your change again"));
    }

    @ServerExceptionMapper
    public Response malformed(MalformedRequestException e, HttpServerRequest request) {
        String detail = e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(request, Problem.of(Response.Status.BAD_REQUEST, "malformed-request", detail)
                .withErrors(e.errors()));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        String field = jsonPath(e);
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        return respond(request, Problem.of(Response.Status.BAD_REQUEST, "malformed-request",
                        "Unknown field '" + field + "'" + (known.isEmpty() ? "" : "; known fields: " + known))
                .withErrors(List.of(new FieldError(field, "unknown field"))));
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, HttpServerRequest request) {
        String field = jsonPath(e);
        String expected = e.getTargetType() == String.class
                ? "text without control characters (such as NUL; tab and line breaks are fine)"
                : expectation(e.getTargetType());
        return respond(request, Problem.of(Response.Status.BAD_REQUEST, "malformed-request",
                        "Field '" + field + "' has an invalid value: expected " + expected)
                .withErrors(List.of(new FieldError(field, "expected " + expected))));
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, HttpServerRequest request) {
        String field = jsonPath(e);
        String detail = field.isEmpty()
                ? "The request body must be a JSON object"
                : "Field '" + field + "' has the wrong type: expected " + expectation(e.getTargetType());
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, "malformed-request", detail);
        return respond(request, field.isEmpty() ? problem
                : problem.withErrors(List.of(new FieldError(field, "expected " + expectation(e.getTargetType())))));
    }

    private Response json(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownField(u, request);
        }
        if (e instanceof InvalidFormatException f) {
            return wrongValue(f, request);
        }
        if (e instanceof MismatchedInputException m) {
            return wrongShape(m, request);
        }
        return malformedJson(e, request);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(request, Problem.of(Response.Status.BAD_REQUEST, "malformed-request",
                "The request body is not valid JSON" + where));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, request);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, request);
        }
        if (status.getStatusCode() < 400) {
            return e.getResponse(); // redirects thrown by pages
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "No such page or resource: " + request.path();
            case 405 -> request.method() + " is not supported on " + request.path();
            case 406 -> "This resource cannot answer in the media type asked for";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported content type" + (request.getHeader("Content-Type") == null ? ""
                    : " '" + request.getHeader("Content-Type") + "'") + " for " + request.path();
            default -> status.getReasonPhrase();
        };
        Response.StatusType known = Response.Status.fromStatusCode(status.getStatusCode());
        return respond(request, Problem.of(known != null ? known : status, null, detail));
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        // Failures that surface only at commit or in PostgreSQL arrive wrapped; they are still the client's.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return staleWrite((RuntimeException) cause, request);
            }
        }
        Optional<String> refusal = ClientMistakes.refusal(e);
        if (refusal.isPresent()) {
            LOG.debugf("Refused %s %s: %s", request.method(), request.path(), refusal.get());
            return respond(request, Problem.of(Response.Status.BAD_REQUEST, "malformed-request", refusal.get()));
        }
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error %s on %s %s", errorId, request.method(), request.path());
        return respond(request, Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal",
                "Something went wrong on our side; quote error id " + errorId + " to your administrator")
                .withErrorId(errorId));
    }

    static Problem validation(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        return Problem.of(StatusCodes.UNPROCESSABLE, "validation", detail).withErrors(errors);
    }

    public static Response respond(HttpServerRequest request, Problem problem) {
        if (wantsHtml(request)) {
            TemplateInstance page = Templates.error(problem.status(), problem.title(), problem.detail(),
                    problem.errors() == null ? List.of() : problem.errors(), problem.errorId());
            return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(page).build();
        }
        return problem.at(request.path()).toResponse();
    }

    /** Pages get HTML errors; the API, webhooks and anything asking for JSON get problem+json. */
    public static boolean wantsHtml(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/chatops/") || path.startsWith("/q/")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept == null || accept.contains("text/html") || accept.contains("*/*");
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY || node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                last = node.getName();
            }
        }
        return last == null ? "body" : last;
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (type == Instant.class) {
            return "an ISO-8601 UTC time such as 2023-02-07T16:00:00Z";
        }
        if (type == LocalDate.class) {
            return "a date such as 2023-02-14";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
