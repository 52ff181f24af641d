package org.aftermath.timeline;

import jakarta.annotation.security.RolesAllowed;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.InvalidInputException;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.util.Map;

/** The add-note form on the incident page. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.RESPOND)
public class TimelinePages {

    private final TimelineNotes notes;
    private final ReaderZone zone;
    private final Actor actor;

    TimelinePages(TimelineNotes notes, ReaderZone zone, Actor actor) {
        this.notes = notes;
        this.zone = zone;
        this.actor = actor;
    }

    public record NoteForm(@RestForm String text, @RestForm String occurredAt, @RestForm String key) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance note(long incidentId, NoteForm form, Map<String, String> errors);
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
}
