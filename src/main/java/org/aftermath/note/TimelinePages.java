package org.aftermath.note;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.aftermath.InvalidInputException;
import org.aftermath.incident.IncidentService;
import org.aftermath.security.Actor;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.aftermath.timeline.TimelineFeed;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The incident page's timeline: the add-note form, the list as a fragment, and its live change feed. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.RESPOND)
public class TimelinePages {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(25);

    private final TimelineNotes notes;
    private final IncidentService incidents;
    private final TimelineFeed feed;
    private final ReaderZone zone;
    private final Actor actor;

    TimelinePages(TimelineNotes notes, IncidentService incidents, TimelineFeed feed, ReaderZone zone, Actor actor) {
        this.notes = notes;
        this.incidents = incidents;
        this.feed = feed;
        this.zone = zone;
        this.actor = actor;
    }

    public record NoteForm(@RestForm String text, @RestForm String occurredAt, @RestForm String key) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance note(long incidentId, NoteForm form, Map<String, String> errors);

        static native TemplateInstance events(long incidentId, List<TimelineEvent> events);
    }

    @POST
    @Path("incidents/{incidentId}/notes")
    public Response add(@RestPath long incidentId, @BeanParam NoteForm form) {
        try {
            FormReader read = new FormReader(zone);
            String text = read.required("text", form.text());
            var occurredAt = read.time("occurredAt", form.occurredAt());
            read.requireValid();
            TimelineEvent event = notes.add(incidentId, text, occurredAt, EventKind.NOTE, form.key() != null,
                    actor.name(), "web");
            return Flash.redirect("/incidents/" + incidentId + "#event-" + event.id, "Note added");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.note(incidentId, form, FormReader.messages(e))).build();
        }
    }

    /** The timeline list alone, which an open incident page swaps in when the feed says it changed. */
    @GET
    @Path("incidents/{incidentId}/timeline")
    @RolesAllowed(Role.VIEW)
    public TemplateInstance events(@RestPath long incidentId) {
        return Templates.events(incidentId, notes.eventsOf(incidentId));
    }

    /** A server-sent {@code timeline} event whenever the incident's timeline changes, on any instance. */
    @GET
    @Path("incidents/{incidentId}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Role.VIEW)
    @Blocking
    public Multi<OutboundSseEvent> live(@RestPath long incidentId, @Context Sse sse) {
        incidents.require(incidentId); // 404 for an unknown incident, before the stream starts
        Multi<OutboundSseEvent> changes = feed.changesOf(incidentId)
                .map(id -> sse.newEventBuilder().name("timeline").data(Long.toString(incidentId)).build());
        // Proxies close silent connections; a comment now and then keeps this one open.
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().comment("still here").build());
        return Multi.createBy().merging().streams(changes, keepAlive);
    }
}
