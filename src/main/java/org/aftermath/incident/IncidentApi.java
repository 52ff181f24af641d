package org.aftermath.incident;

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
import org.aftermath.incident.Incident.IncidentFilter;
import org.aftermath.incident.IncidentService.Changes;
import org.aftermath.incident.IncidentService.Declaration;
import org.aftermath.incident.IncidentService.PageOf;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.web.Paging;
import org.aftermath.web.PatchBody;
import org.aftermath.web.QueryParams;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.time.Instant;

/** JSON API for incidents. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class IncidentApi {

    private final IncidentService incidents;
    private final Actor actor;

    IncidentApi(IncidentService incidents, Actor actor) {
        this.incidents = incidents;
        this.actor = actor;
    }

    public record DeclareRequest(@NotBlank @Size(max = Incident.TITLE_MAX) String title, String summary,
                                 @NotNull Severity severity, Instant startedAt, Instant detectedAt) {
    }

    public record StatusRequest(@NotNull IncidentStatus status, Instant at, @Size(max = 5000) String note,
                                Long version) {
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("incidents")
    public Response declare(@Valid @NotNull DeclareRequest request) {
        Incident incident = incidents.declare(new Declaration(request.title(), request.summary(), request.severity(),
                request.startedAt(), request.detectedAt()), actor.name(), "api");
        return Response.created(URI.create("/api/incidents/" + incident.id)).entity(IncidentJson.of(incident)).build();
    }

    @GET
    @Path("incidents")
    public PageOf<IncidentJson> list(@RestQuery String status, @RestQuery String severity, @RestQuery String q,
                                     @RestQuery String page, @RestQuery String size) {
        Paging paging = Paging.parse(page, size);
        IncidentFilter filter = new IncidentFilter(QueryParams.enumValue("status", status, IncidentStatus.class),
                QueryParams.enumValue("severity", severity, Severity.class), q);
        PageOf<Incident> found = incidents.search(filter, paging.page(), paging.size());
        return new PageOf<>(found.items().stream().map(IncidentJson::of).toList(), found.page(), found.size(),
                found.total());
    }

    @GET
    @Path("incidents/{id}")
    public Response get(@RestPath long id) {
        Incident incident = incidents.require(id);
        return Response.ok(IncidentJson.of(incident)).tag(Long.toString(incident.version)).build();
    }

    @RolesAllowed(Role.RESPOND)
    @PATCH
    @Path("incidents/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public IncidentJson update(@RestPath long id, JsonNode body, @RestHeader("If-Match") String ifMatch) {
        PatchBody patch = PatchBody.of(body, "title", "summary", "severity", "startedAt", "detectedAt",
                "mitigatedAt", "resolvedAt", "closedAt", "version");
        Changes changes = new Changes(patch.text("title"), patch.text("summary"),
                patch.enumValue("severity", Severity.class), patch.instant("startedAt"), patch.instant("detectedAt"),
                patch.instant("mitigatedAt"), patch.instant("resolvedAt"), patch.instant("closedAt"));
        Long version = QueryParams.expectedVersion(patch.version(), ifMatch);
        patch.requireValid();
        return IncidentJson.of(incidents.update(id, changes, version, actor.name(), "api"));
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("incidents/{id}/status")
    public IncidentJson changeStatus(@RestPath long id, @Valid @NotNull StatusRequest request) {
        return IncidentJson.of(incidents.changeStatus(id, request.status(), request.at(), request.note(),
                request.version(), actor.name(), "api"));
    }
}
