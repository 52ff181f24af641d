package org.aftermath.security;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.Map;

/** Admin pages: users (create, role, disable, reset password) and every API token. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.ADMINISTER)
public class AdminPages {

    private final UserService users;
    private final TokenService tokens;
    private final Actor actor;

    AdminPages(UserService users, TokenService tokens, Actor actor) {
        this.users = users;
        this.tokens = tokens;
        this.actor = actor;
    }

    public record NewUserForm(@RestForm String username, @RestForm String role, @RestForm String password) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(List<User> users, NewUserForm form, Map<String, String> errors);

        static native TemplateInstance tokens(List<ApiToken> tokens);
    }

    @GET
    @Path("admin/users")
    public TemplateInstance listUsers() {
        return Templates.users(users.all(), new NewUserForm("", "responder", ""), Map.of());
    }

    @POST
    @Path("admin/users")
    public Response createUser(@jakarta.ws.rs.BeanParam NewUserForm form) {
        try {
            User user = users.create(form.username(), form.password(), Role.parse(form.role()), actor.name());
            return Flash.redirect("/admin/users", "User " + user.username + " created");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.users(users.all(), form, FormReader.messages(e))).build();
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.users(users.all(), form, Map.of("username", e.getMessage()))).build();
        }
    }

    @POST
    @Path("admin/users/{id}/role")
    public Response changeRole(@RestPath long id, @RestForm String role) {
        User user = users.changeRole(id, Role.parse(role), actor.name());
        return Flash.redirect("/admin/users", user.username + " is now " + user.role.id());
    }

    @POST
    @Path("admin/users/{id}/enabled")
    public Response setEnabled(@RestPath long id, @RestForm String enabled) {
        User user = users.setEnabled(id, "true".equals(enabled), actor.name());
        return Flash.redirect("/admin/users", user.username + (user.enabled ? " enabled" : " disabled"));
    }

    @POST
    @Path("admin/users/{id}/password")
    public Response resetPassword(@RestPath long id, @RestForm String password) {
        try {
            User user = users.setPassword(id, password, actor.name());
            return Flash.redirect("/admin/users", "Password of " + user.username + " reset");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.users(users.all(), new NewUserForm("", "responder", ""),
                    Map.of("password-" + id, e.errors().get(0).message()))).build();
        }
    }

    @GET
    @Path("admin/tokens")
    public TemplateInstance listTokens() {
        return Templates.tokens(tokens.all());
    }

    @POST
    @Path("admin/tokens/{id}/revoke")
    public Response revokeToken(@RestPath long id) {
        tokens.revoke(id, actor.name(), true);
        return Flash.redirect("/admin/tokens", "Token revoked");
    }
}
