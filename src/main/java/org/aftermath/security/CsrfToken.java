package org.aftermath.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.aftermath.security.SessionCookie.Session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The CSRF token every form repeats in a hidden field (and htmx in a header): an HMAC, under a key derived
 * from the {@link ServerKey}, of the browser's session (user, generation, session id). Nobody without the
 * key can make one for someone else's session, and it dies with the session. Before login it is bound the
 * same way to a random pre-session cookie, which only works together with the Origin check of
 * {@link CsrfFilter}.
 */
@RequestScoped
@Named("csrfToken")
public class CsrfToken {

    public static final String NONCE_COOKIE = "aftermath-csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerKey serverKey;
    private final Optional<Session> session;
    private final String nonceFromCookie;
    private String mintedNonce;
    private String value;

    CsrfToken(HttpServerRequest request, SessionCookie sessions, ServerKey serverKey) {
        this.serverKey = serverKey;
        Cookie sessionCookie = request.getCookie(SessionCookie.NAME);
        this.session = sessionCookie == null ? Optional.empty() : sessions.open(sessionCookie.getValue());
        Cookie nonce = request.getCookie(NONCE_COOKIE);
        this.nonceFromCookie = nonce == null || nonce.getValue().length() < 32 || nonce.getValue().length() > 128
                ? null : nonce.getValue();
    }

    /** The token for forms on this page. */
    public String value() {
        if (value == null) {
            value = session.map(s -> sign("session\n" + s.username() + "\n" + s.generation() + "\n" + s.id()))
                    .orElseGet(() -> sign("anonymous\n" + nonce()));
        }
        return value;
    }

    /** A pre-session nonce the response must set, when this anonymous browser has none yet. */
    Optional<String> nonceToSet() {
        if (session.isPresent() || nonceFromCookie != null) {
            return Optional.empty();
        }
        return Optional.of(nonce());
    }

    boolean matches(String submitted) {
        if (submitted == null || (session.isEmpty() && nonceFromCookie == null)) {
            return false;
        }
        return MessageDigest.isEqual(value().getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    private String nonce() {
        if (nonceFromCookie != null) {
            return nonceFromCookie;
        }
        if (mintedNonce == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            mintedNonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return mintedNonce;
    }

    private String sign(String basis) {
        return serverKey.tag("csrf", basis);
    }
}
