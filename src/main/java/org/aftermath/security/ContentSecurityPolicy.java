package org.aftermath.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The Content-Security-Policy of every response (pages, API, static files, error pages): no inline script or
 * style anywhere, except on Swagger UI's pages, which start themselves with inline scripts. Those are behind
 * login and show only this app's own API document; connect-src stays 'self', so they cannot load another one.
 * Set when the headers are written, so nothing on the way can drop or widen it.
 */
@Singleton
class ContentSecurityPolicy {

    static final String HEADER = "Content-Security-Policy";
    static final String STRICT = policy("'self'");
    static final String SWAGGER_UI = policy("'self' 'unsafe-inline'");

    /** One policy; only where scripts and styles may come from differs. */
    private static String policy(String scriptsAndStyles) {
        return "default-src 'self'; img-src 'self' data:; style-src " + scriptsAndStyles + "; script-src " + scriptsAndStyles
                + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }

    void register(@Observes Filters filters) {
        // Before the request gate (1000), so even its refusals carry the policy.
        filters.register(this::apply, 2000);
    }

    private void apply(RoutingContext context) {
        String policy = context.request().path().startsWith("/q/swagger-ui") ? SWAGGER_UI : STRICT;
        context.addHeadersEndHandler(ignored -> context.response().headers().set(HEADER, policy));
        context.next();
    }
}
