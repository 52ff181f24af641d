package org.aftermath.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Where Quarkus security turns credentials into identities, all backed by the app_user table. */
final class IdentityProviders {

    private IdentityProviders() {
    }

    /** HTTP Basic on the API (the login form calls {@link LoginService} itself), behind the same throttle. */
    @ApplicationScoped
    static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final LoginService logins;

        Password(LoginService logins) {
            this.logins = logins;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            String client = ClientAddress.of(HttpSecurityUtils.getRoutingContextAttribute(request).request());
            return context.runBlocking(() -> {
                LoginService.Attempt attempt = logins.attemptBasic(request.getUsername(),
                        new String(request.getPassword().getPassword()), client);
                if (!attempt.accepted()) {
                    throw new AuthenticationFailedException();
                }
                return Identities.of(attempt.user(), attempt.user().role, "password");
            });
        }
    }

    /** A session cookie from an earlier login: its user must still be enabled and its generation current. */
    @ApplicationScoped
    static class Session implements IdentityProvider<SessionAuthMechanism.SessionRequest> {

        private final LoginService logins;

        Session(LoginService logins) {
            this.logins = logins;
        }

        @Override
        public Class<SessionAuthMechanism.SessionRequest> getRequestType() {
            return SessionAuthMechanism.SessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(SessionAuthMechanism.SessionRequest request,
                                                  AuthenticationRequestContext context) {
            return context.runBlocking(() -> logins.resume(request.session)
                    .map(user -> Identities.of(user, user.role, "session"))
                    .orElseThrow(AuthenticationFailedException::new));
        }
    }

    /** API tokens. */
    @ApplicationScoped
    static class Token implements IdentityProvider<TokenAuthenticationRequest> {

        private final TokenService tokens;

        Token(TokenService tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            return context.runBlocking(() -> tokens.resolve(request.getToken().getToken())
                    .map(bearer -> Identities.of(bearer.user(), bearer.role(), "token"))
                    .orElseThrow(AuthenticationFailedException::new));
        }
    }
}
