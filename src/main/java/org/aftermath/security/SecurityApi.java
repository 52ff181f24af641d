package org.aftermath.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.InvalidInputException;
import org.aftermath.web.PatchBody;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** JSON API for who-am-I, API tokens and (for admins) users. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecurityApi {

    private final UserService users;
    private final TokenService tokens;
    private final SecurityIdentity identity;

    SecurityApi(UserService users, TokenService tokens, SecurityIdentity identity) {
        this.users = users;
        this.tokens = tokens;
        this.identity = identity;
    }

    public record MeJson(String username, Role role, String authenticatedBy) {
    }

    public record TokenJson(long id, String name, Role role, String owner, String prefix, Instant createdAt,
                            Instant lastUsedAt, Instant revokedAt) {
        static TokenJson of(ApiToken t) {
            return new TokenJson(t.id, t.name, t.role, t.user.username, t.tokenPrefix, t.createdAt, t.lastUsedAt,
                    t.revokedAt);
        }
    }

    /** The one answer that carries a token's plaintext. */
    public record NewTokenJson(long id, String name, Role role, String owner, String token) {
    }

    public record TokenRequest(@NotBlank String name, @NotNull Role role, String user) {
    }

    public record UserJson(long id, String username, Role role, boolean enabled, Instant createdAt, String createdBy) {
        static UserJson of(User u) {
            return new UserJson(u.id, u.username, u.role, u.enabled, u.createdAt, u.createdBy);
        }
    }

    public record UserRequest(@NotBlank String username, @NotNull Role role, @NotBlank String password) {
    }

    @GET
    @Path("me")
    @RolesAllowed(Role.VIEW)
    public MeJson me() {
        return new MeJson(identity.getPrincipal().getName(), Roles.strongest(identity),
                identity.getAttribute(Identities.AUTHENTICATED_BY));
    }

    @GET
    @Path("tokens")
    @RolesAllowed(Role.VIEW)
    public List<TokenJson> listTokens(@RestQuery boolean all) {
        List<ApiToken> found = all && isAdmin() ? tokens.all() : tokens.ownedBy(identity.getPrincipal().getName());
        return found.stream().map(TokenJson::of).toList();
    }

    @POST
    @Path("tokens")
    @RolesAllowed(Role.VIEW)
    public Response createToken(@Valid @NotNull TokenRequest request) {
        String owner = identity.getPrincipal().getName();
        if (request.user() != null && !request.user().equals(owner)) {
            if (!isAdmin()) {
                throw new InvalidInputException("user", "only an admin can create a token for someone else");
            }
            owner = request.user();
        }
        TokenService.Minted minted = tokens.create(owner, request.name(), request.role(), Roles.strongest(identity));
        ApiToken t = minted.token();
        return Response.created(URI.create("/api/tokens/" + t.id))
                .entity(new NewTokenJson(t.id, t.name, t.role, t.user.username, minted.plaintext())).build();
    }

    @DELETE
    @Path("tokens/{id}")
    @RolesAllowed(Role.VIEW)
    public Response revokeToken(@RestPath long id) {
        tokens.revoke(id, identity.getPrincipal().getName(), isAdmin());
        return Response.noContent().build();
    }

    @GET
    @Path("users")
    @RolesAllowed(Role.ADMINISTER)
    public List<UserJson> listUsers() {
        return users.all().stream().map(UserJson::of).toList();
    }

    @POST
    @Path("users")
    @RolesAllowed(Role.ADMINISTER)
    public Response createUser(@Valid @NotNull UserRequest request) {
        User user = users.create(request.username(), request.password(), request.role(), identity.getPrincipal().getName());
        return Response.created(URI.create("/api/users/" + user.id)).entity(UserJson.of(user)).build();
    }

    @PATCH
    @Path("users/{id}")
    @RolesAllowed(Role.ADMINISTER)
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public UserJson updateUser(@RestPath long id, JsonNode body) {
        PatchBody patch = PatchBody.of(body, "role", "enabled", "password");
        var role = patch.text("role");
        var password = patch.text("password");
        var enabled = patch.bool("enabled");
        patch.requireValid();
        String actor = identity.getPrincipal().getName();
        role.ifPresent(r -> users.changeRole(id, Role.parse(r), actor));
        enabled.ifPresent(e -> users.setEnabled(id, Boolean.TRUE.equals(e), actor));
        password.ifPresent(p -> users.setPassword(id, p, actor));
        return UserJson.of(users.get(id));
    }

    private boolean isAdmin() {
        return identity.hasRole(Role.ADMINISTER);
    }
}
