package org.aftermath.security;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Login, logout and the "my account" page (own password and API tokens). */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
public class SecurityPages {

    private final UserService users;
    private final TokenService tokens;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final String sessionCookie;

    SecurityPages(UserService users, TokenService tokens, SecurityIdentity identity, HttpServerRequest request,
                  @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.users = users;
        this.tokens = tokens;
        this.identity = identity;
        this.request = request;
        this.sessionCookie = sessionCookie;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed);

        static native TemplateInstance account(User user, List<ApiToken> tokens, String newToken,
                                               Map<String, String> errors);
    }

    @GET
    @Path("login")
    @PermitAll
    public Response login() {
        if (!identity.isAnonymous()) {
            return Response.seeOther(URI.create("/")).build();
        }
        return Response.ok(Templates.login(false)).build();
    }

    /** Where a failed login lands: the same form, with one message that does not say which part was wrong. */
    @GET
    @Path("login/failed")
    @PermitAll
    public Response loginFailed() {
        return Response.status(401).entity(Templates.login(true)).build();
    }

    @POST
    @Path("logout")
    @PermitAll
    public Response logout() {
        return Response.seeOther(URI.create("/login"))
                .header("Set-Cookie", Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0).setHttpOnly(true)
                        .setSecure(request.isSSL()).encode())
                .build();
    }

    @GET
    @Path("account")
    @RolesAllowed(Role.VIEW)
    public TemplateInstance account() {
        return accountPage(null, Map.of());
    }

    @POST
    @Path("account/password")
    @RolesAllowed(Role.VIEW)
    public Response changePassword(@RestForm String current, @RestForm String password) {
        String name = identity.getPrincipal().getName();
        if (users.verifyPassword(name, current).isEmpty()) {
            return Response.status(422).entity(accountPage(null, Map.of("current", "is not your current password"))).build();
        }
        try {
            users.setPassword(users.activeUser(name).orElseThrow().id, password, name);
            return Flash.redirect("/account", "Password changed");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(accountPage(null, FormReader.messages(e))).build();
        }
    }

    @POST
    @Path("account/tokens")
    @RolesAllowed(Role.VIEW)
    public Response createToken(@RestForm String name, @RestForm String role) {
        try {
            Role wanted = Role.parse(role);
            TokenService.Minted minted = tokens.create(identity.getPrincipal().getName(), name, wanted, ownRole());
            return Response.status(201).entity(accountPage(minted.plaintext(), Map.of())).build();
        } catch (InvalidInputException e) {
            return Response.status(422).entity(accountPage(null, FormReader.messages(e))).build();
        }
    }

    @POST
    @Path("account/tokens/{id}/revoke")
    @RolesAllowed(Role.VIEW)
    public Response revokeToken(@RestPath long id) {
        tokens.revoke(id, identity.getPrincipal().getName(), false);
        return Flash.redirect("/account", "Token revoked");
    }

    private TemplateInstance accountPage(String newToken, Map<String, String> errors) {
        String name = identity.getPrincipal().getName();
        User user = users.activeUser(name).orElseThrow(() -> new ConflictException("gone", "Your account is disabled"));
        return Templates.account(user, tokens.ownedBy(name), newToken, errors);
    }

    private Role ownRole() {
        return Roles.strongest(identity);
    }
}
