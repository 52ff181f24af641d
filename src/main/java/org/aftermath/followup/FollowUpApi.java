package org.aftermath.followup;

import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.web.PatchBody;
import org.aftermath.web.QueryParams;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** JSON API for follow-ups (post-incident action items). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class FollowUpApi {

    private final FollowUpService followUps;
    private final Actor actor;

    FollowUpApi(FollowUpService followUps, Actor actor) {
        this.followUps = followUps;
        this.actor = actor;
    }

    public record FollowUpJson(long id, long incidentId, String title, FollowUpKind kind, String owner, LocalDate dueOn,
                               FollowUpState state, Instant createdAt, String createdBy, long version) {

        static FollowUpJson of(FollowUp f) {
            return new FollowUpJson(f.id, f.incidentId, f.title, f.kind, f.owner, f.dueOn, f.state, f.createdAt,
                    f.createdBy, f.version);
        }
    }

    public record AddRequest(@NotBlank @Size(max = FollowUp.TITLE_MAX) String title, @NotNull FollowUpKind kind,
                             @Size(max = FollowUpService.OWNER_MAX) String owner, LocalDate dueOn) {
    }

    @GET
    @Path("incidents/{incidentId}/followups")
    public List<FollowUpJson> list(@RestPath long incidentId) {
        return followUps.forIncident(incidentId).stream().map(FollowUpJson::of).toList();
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("incidents/{incidentId}/followups")
    public Response add(@RestPath long incidentId, @Valid @NotNull AddRequest request) {
        FollowUp followUp = followUps.add(incidentId, request.title(), request.kind(), request.owner(), request.dueOn(),
                actor.name(), "api");
        return Response.created(URI.create("/api/followups/" + followUp.id)).entity(FollowUpJson.of(followUp)).build();
    }

    @GET
    @Path("followups/{id}")
    public FollowUpJson get(@RestPath long id) {
        return FollowUpJson.of(followUps.get(id));
    }

    @RolesAllowed(Role.RESPOND)
    @PATCH
    @Path("followups/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public FollowUpJson update(@RestPath long id, JsonNode body, @RestHeader("If-Match") String ifMatch) {
        PatchBody patch = PatchBody.of(body, "title", "kind", "owner", "dueOn", "state", "version");
        FollowUpService.Changes changes = new FollowUpService.Changes(patch.text("title"),
                patch.enumValue("kind", FollowUpKind.class), patch.text("owner"), patch.date("dueOn"),
                patch.enumValue("state", FollowUpState.class));
        Long version = QueryParams.expectedVersion(patch.version(), ifMatch);
        patch.requireValid();
        return FollowUpJson.of(followUps.update(id, changes, version, actor.name(), "api"));
    }
}
