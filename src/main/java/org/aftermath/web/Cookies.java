package org.aftermath.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/** Aftermath's own cookies: HttpOnly, whole-site, and {@code Secure} whenever the browser came over HTTPS. */
public final class Cookies {

    private Cookies() {
    }

    /**
     * HTTPS directly, or at a reverse proxy that says so in {@code X-Forwarded-Proto}/{@code Forwarded}, which
     * Vert.x believes only when {@code quarkus.http.proxy.*} trusts that proxy.
     */
    public static boolean overHttps(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }

    public static Cookie of(HttpServerRequest request, String name, String value, CookieSameSite sameSite) {
        return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(sameSite).setSecure(overHttps(request));
    }

    /** Tells the browser to forget a cookie. */
    public static Cookie expired(HttpServerRequest request, String name) {
        return of(request, name, "", CookieSameSite.LAX).setMaxAge(0);
    }
}
