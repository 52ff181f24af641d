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
import org.aftermath.web.Cookies;
import org.aftermath.web.ErrorMappers;
import org.aftermath.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Login, logout and the "my account" page (own password and API tokens). */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
public class SecurityPages {

    private final UserService users;
    private final LoginService logins;
    private final TokenService tokens;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    SecurityPages(UserService users, LoginService logins, TokenService tokens, SecurityIdentity identity,
                  HttpServerRequest request) {
        this.users = users;
        this.logins = logins;
        this.tokens = tokens;
        this.identity = identity;
        this.request = request;
    }

    /** What the login form says: nothing yet, a failure that never tells which part was wrong, or a wait. */
    record LoginProblem(String message) {
        static final LoginProblem FAILED = new LoginProblem("Login failed. Check your user name and password.");

        static LoginProblem wait(Duration retryAfter) {
            long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
            return new LoginProblem("Too many failed logins from your address; try again in "
                    + (seconds < 120 ? seconds + " s" : (seconds + 59) / 60 + " min") + ".");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String username, LoginProblem problem);

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
        return Response.ok(Templates.login("", null)).build();
    }

    /**
     * The login form posts here (the path Quarkus form login used, so password managers keep working).
     * Checked like every form: the CSRF token of the login page, and not from another site.
     */
    @POST
    @Path("j_security_check")
    @PermitAll
    public Response logIn(@RestForm("j_username") String username, @RestForm("j_password") String password) {
        String name = username == null ? "" : username.strip();
        LoginService.Attempt attempt = logins.attempt(name, password, ClientAddress.of(request));
        if (attempt.throttled()) {
            return Response.status(429).header("Retry-After", Math.max(1, attempt.retryAfter().toSeconds()))
                    .entity(Templates.login(name, LoginProblem.wait(attempt.retryAfter()))).build();
        }
        if (!attempt.accepted()) {
            return Response.status(401).entity(Templates.login(name, LoginProblem.FAILED)).build();
        }
        Cookie returnTo = request.getCookie(ErrorMappers.LOGIN_RETURN_COOKIE);
        String location = returnTo != null && isLocalPath(returnTo.getValue()) ? returnTo.getValue() : "/";
        request.response().addCookie(logins.cookie(request, logins.startSession(attempt.user())))
                .addCookie(Cookies.expired(request, ErrorMappers.LOGIN_RETURN_COOKIE))
                .addCookie(Cookies.expired(request, CsrfToken.NONCE_COOKIE));
        return Response.seeOther(URI.create(location)).build();
    }

    /** Ends every session of this user, everywhere, not just this browser's cookie. */
    @POST
    @Path("logout")
    @PermitAll
    public Response logout() {
        if (!identity.isAnonymous()) {
            logins.endSessions(identity.getPrincipal().getName());
        }
        request.response().addCookie(Cookies.expired(request, SessionCookie.NAME));
        return Response.seeOther(URI.create("/login")).build();
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
        LoginService.Attempt check = logins.attempt(name, current, ClientAddress.of(request));
        if (!check.accepted()) {
            String why = check.throttled() ? LoginProblem.wait(check.retryAfter()).message() : "is not your current password";
            return Response.status(check.throttled() ? 429 : 422).entity(accountPage(null, Map.of("current", why))).build();
        }
        try {
            User user = users.setPassword(users.activeUser(name).orElseThrow().id, password, name);
            // Every other session of this user has just ended; this browser gets a new one.
            request.response().addCookie(logins.cookie(request, logins.startSession(user)));
            return Flash.redirect("/account", "Password changed; you were logged out everywhere else");
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

    private static boolean isLocalPath(String path) {
        return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") && !path.contains("\n");
    }

    private Role ownRole() {
        return Roles.strongest(identity);
    }
}
