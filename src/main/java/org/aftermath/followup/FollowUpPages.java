package org.aftermath.followup;

import jakarta.annotation.security.RolesAllowed;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.Change;
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

import java.time.LocalDate;
import java.util.Map;

/** Forms on the incident page that add follow-ups and close them. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.RESPOND)
public class FollowUpPages {

    private final FollowUpService followUps;
    private final ReaderZone zone;
    private final Actor actor;

    FollowUpPages(FollowUpService followUps, ReaderZone zone, Actor actor) {
        this.followUps = followUps;
        this.zone = zone;
        this.actor = actor;
    }

    public record AddForm(@RestForm String title, @RestForm String kind, @RestForm String owner,
                          @RestForm String dueOn) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance add(long incidentId, AddForm form, Map<String, String> errors);
    }

    @POST
    @Path("incidents/{incidentId}/followups")
    public Response add(@RestPath long incidentId, @BeanParam AddForm form) {
        try {
            FormReader read = new FormReader(zone);
            String title = read.required("title", form.title());
            FollowUpKind kind = read.choice("kind", form.kind(), FollowUpKind.class, true);
            LocalDate dueOn = read.date("dueOn", form.dueOn());
            read.requireValid();
            FollowUp followUp = followUps.add(incidentId, title, kind, form.owner(), dueOn, actor.name(), "web");
            return Flash.redirect("/incidents/" + incidentId + "#followup-" + followUp.id, "Follow-up added");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.add(incidentId, form, FormReader.messages(e))).build();
        }
    }

    @POST
    @Path("followups/{id}/state")
    public Response move(@RestPath long id, @RestForm String state) {
        FormReader read = new FormReader(zone);
        FollowUpState target = read.choice("state", state, FollowUpState.class, true);
        read.requireValid();
        FollowUp followUp = followUps.update(id, new FollowUpService.Changes(Change.absent(), Change.absent(),
                Change.absent(), Change.absent(), Change.to(target)), null, actor.name(), "web");
        return Flash.redirect("/incidents/" + followUp.incidentId + "#followup-" + followUp.id,
                "Follow-up " + followUp.state.name().toLowerCase());
    }
}
