package org.aftermath.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an announced oversized body with a 413 problem document before any of it is read. (Vert.x
 * enforces the same limit, but with an empty body.)
 */
@Singleton
class BodySizeLimit {

    private final long limit;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long announced;
        try {
            announced = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            announced = -1;
        }
        if (announced > limit) {
            String body = "{\"type\":\"urn:aftermath:problem:too-large\",\"title\":\"Request Entity Too Large\","
                    + "\"status\":413,\"detail\":\"The request body is " + announced + " bytes; the limit is " + limit
                    + " bytes\",\"instance\":\"" + context.request().path().replace("\"", "%22") + "\"}";
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(body);
            return;
        }
        context.next();
    }
}
