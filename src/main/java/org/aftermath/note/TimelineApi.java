package org.aftermath.note;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.security.Actor;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.aftermath.timeline.TimelineEventJson;
import org.aftermath.timeline.TimelineService;
import org.aftermath.security.Role;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** JSON API for an incident's timeline. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class TimelineApi {

    private final TimelineNotes notes;
    private final Actor actor;

    TimelineApi(TimelineNotes notes, Actor actor) {
        this.notes = notes;
        this.actor = actor;
    }

    public record NoteRequest(@NotBlank @Size(max = TimelineService.TEXT_MAX) String text, Instant occurredAt,
                              EventKind kind, Boolean key) {
    }

    @GET
    @Path("incidents/{incidentId}/timeline")
    public List<TimelineEventJson> list(@RestPath long incidentId) {
        return notes.eventsOf(incidentId).stream().map(TimelineEventJson::of).toList();
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("incidents/{incidentId}/timeline")
    public Response add(@RestPath long incidentId, @Valid @NotNull NoteRequest request) {
        TimelineEvent event = notes.add(incidentId, request.text(), request.occurredAt(),
                request.kind() == null ? EventKind.NOTE : request.kind(), Boolean.TRUE.equals(request.key()),
                actor.name(), "api");
        return Response.created(URI.create("/api/incidents/" + incidentId + "/timeline/" + event.id))
                .entity(TimelineEventJson.of(event)).build();
    }
}
