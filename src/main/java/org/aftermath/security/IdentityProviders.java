package org.aftermath.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Where Quarkus security turns credentials into identities, all backed by the app_user table. */
final class IdentityProviders {

    private IdentityProviders() {
    }

    /** The login form and HTTP Basic. */
    @ApplicationScoped
    static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final UserService users;

        Password(UserService users) {
            this.users = users;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            return context.runBlocking(() -> users.verifyPassword(request.getUsername(),
                            new String(request.getPassword().getPassword()))
                    .map(user -> Identities.of(user, user.role, "password"))
                    .orElseThrow(AuthenticationFailedException::new));
        }
    }

    /** A session cookie from an earlier form login: the user must still exist and be enabled. */
    @ApplicationScoped
    static class Session implements IdentityProvider<TrustedAuthenticationRequest> {

        private final UserService users;

        Session(UserService users) {
            this.users = users;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            return context.runBlocking(() -> users.activeUser(request.getPrincipal())
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
