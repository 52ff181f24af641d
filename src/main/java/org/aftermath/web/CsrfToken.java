package org.aftermath.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The per-browser CSRF token (double-submit cookie): kept in an HttpOnly cookie and repeated by every form
 * in a hidden field (and by htmx in a header). A cross-site page can make the browser send the cookie but
 * cannot read it to fill the field.
 */
@RequestScoped
@Named("csrfToken")
public class CsrfToken {

    public static final String COOKIE = "aftermath-csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String fromCookie;
    private String issued;

    CsrfToken(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        this.fromCookie = cookie == null || cookie.getValue().length() < 32 ? null : cookie.getValue();
    }

    /** The token for forms on this page, minting one if the browser has none yet. */
    public String value() {
        if (fromCookie != null) {
            return fromCookie;
        }
        if (issued == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            issued = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return issued;
    }

    /** False when the browser sent no (usable) token cookie, so the response must set one. */
    boolean presentInRequest() {
        return fromCookie != null;
    }

    boolean matches(String submitted) {
        return fromCookie != null && submitted != null && MessageDigest.isEqual(
                fromCookie.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
