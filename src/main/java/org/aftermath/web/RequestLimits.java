package org.aftermath.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an announced oversized body (413), an over-long address (414) or an address that holds control
 * characters (400) with a problem document before any of it is read. (Vert.x enforces both limits too, but with an empty body: its line limit is set well above
 * {@link #URL_MAX} so that this filter is the one that answers.)
 */
@Singleton
class RequestLimits {

    static final int URL_MAX = 8192;

    private final long limit;

    RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    private void check(RoutingContext context) {
        int urlLength = context.request().uri().length();
        if (urlLength > URL_MAX) {
            refuse(context, 414, "URI Too Long", "too-long", "The address is " + urlLength + " characters long; the limit is "
                    + URL_MAX + ". Send long search words or values in a request body instead");
            return;
        }
        String addressProblem = addressProblem(context.request().uri());
        if (addressProblem != null) {
            refuse(context, 400, "Bad Request", "malformed-request", addressProblem);
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long announced;
        try {
            announced = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            announced = -1;
        }
        if (announced > limit) {
            refuse(context, 413, "Request Entity Too Large", "too-large", "The request body is " + announced
                    + " bytes; the limit is " + limit + " bytes");
            return;
        }
        context.next();
    }

    /**
     * Why the address cannot be read as text, or null. (An address that is not a URI at all, such as a broken
     * %-escape, never gets here: Quarkus answers it with a bare 400 before any route runs.)
     */
    static String addressProblem(String uri) {
        for (int at = uri.indexOf('%'); at >= 0; at = uri.indexOf('%', at + 1)) {
            int high = at + 2 < uri.length() ? Character.digit(uri.charAt(at + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(uri.charAt(at + 2), 16) : -1;
            if (low < 0) {
                continue;
            }
            int value = high * 16 + low;
            if (value < 0x20 && value != '\t' || value == 0x7F) {
                return "The address holds a control character (such as NUL) at position " + at;
            }
        }
        return null;
    }

    /** The detail is built from fixed text and numbers only, so it needs no JSON escaping; the path is not echoed. */
    private static void refuse(RoutingContext context, int status, String title, String type, String detail) {
        String body = "{\"type\":\"urn:aftermath:problem:" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }
}
