package org.aftermath.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.security.SessionCookie.Session;

import java.util.Set;

/**
 * Browsers: the sealed {@link SessionCookie} set at login. A cookie that is forged, expired, of a disabled
 * user or of an ended session generation counts as no cookie at all, so protected pages send the browser to
 * the login form. Active sessions are re-sealed once a minute to slide the idle timeout.
 */
@ApplicationScoped
public class SessionAuthMechanism implements HttpAuthenticationMechanism {

    static final String SCHEME = "session";

    /** What the identity provider gets: a session the cookie vouched for, still to be checked against the user. */
    static final class SessionRequest extends BaseAuthenticationRequest {
        final Session session;

        SessionRequest(Session session) {
            this.session = session;
        }
    }

    private final SessionCookie cookies;
    private final LoginService logins;

    SessionAuthMechanism(SessionCookie cookies, LoginService logins) {
        this.cookies = cookies;
        this.logins = logins;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        Session session = cookie == null ? null : cookies.open(cookie.getValue()).orElse(null);
        if (session == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new SessionRequest(session), context))
                .invoke(identity -> logins.refreshed(session).ifPresent(value ->
                        context.response().addCookie(logins.cookie(context.request(), value))))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(302, HttpHeaders.LOCATION.toString(), "/login"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, SessionCookie.NAME, SCHEME));
    }
}
