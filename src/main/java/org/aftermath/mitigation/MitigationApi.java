package org.aftermath.mitigation;

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
import java.util.List;

/** JSON API for mitigation steps. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class MitigationApi {

    private final MitigationService mitigations;
    private final Actor actor;

    MitigationApi(MitigationService mitigations, Actor actor) {
        this.mitigations = mitigations;
        this.actor = actor;
    }

    public record MitigationJson(long id, long incidentId, String title, String description, MitigationState state,
                                 Instant startedAt, Instant finishedAt, Instant createdAt, String createdBy,
                                 long version) {

        static MitigationJson of(MitigationStep s) {
            return new MitigationJson(s.id, s.incidentId, s.title, s.description, s.state, s.startedAt, s.finishedAt,
                    s.createdAt, s.createdBy, s.version);
        }
    }

    public record AddRequest(@NotBlank @Size(max = MitigationStep.TITLE_MAX) String title, String description,
                             MitigationState state, Instant at) {
    }

    @GET
    @Path("incidents/{incidentId}/mitigations")
    public List<MitigationJson> list(@RestPath long incidentId) {
        return mitigations.forIncident(incidentId).stream().map(MitigationJson::of).toList();
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("incidents/{incidentId}/mitigations")
    public Response add(@RestPath long incidentId, @Valid @NotNull AddRequest request) {
        MitigationStep step = mitigations.add(incidentId, request.title(), request.description(), request.state(),
                request.at(), actor.name(), "api");
        return Response.created(URI.create("/api/mitigations/" + step.id)).entity(MitigationJson.of(step)).build();
    }

    @GET
    @Path("mitigations/{id}")
    public MitigationJson get(@RestPath long id) {
        return MitigationJson.of(mitigations.get(id));
    }

    @RolesAllowed(Role.RESPOND)
    @PATCH
    @Path("mitigations/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public MitigationJson update(@RestPath long id, JsonNode body, @RestHeader("If-Match") String ifMatch) {
        PatchBody patch = PatchBody.of(body, "title", "description", "state", "startedAt", "finishedAt", "at", "version");
        MitigationService.Changes changes = new MitigationService.Changes(patch.text("title"), patch.text("description"),
                patch.enumValue("state", MitigationState.class), patch.instant("startedAt"), patch.instant("finishedAt"));
        Instant at = patch.instant("at").value();
        Long version = QueryParams.expectedVersion(patch.version(), ifMatch);
        patch.requireValid();
        return MitigationJson.of(mitigations.update(id, changes, version, at, actor.name(), "api"));
    }
}
