package org.aftermath.mitigation;

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

import java.time.Instant;
import java.util.Map;

/** Forms on the incident page that add mitigation steps and move them along. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.RESPOND)
public class MitigationPages {

    private final MitigationService mitigations;
    private final ReaderZone zone;
    private final Actor actor;

    MitigationPages(MitigationService mitigations, ReaderZone zone, Actor actor) {
        this.mitigations = mitigations;
        this.zone = zone;
        this.actor = actor;
    }

    public record AddForm(@RestForm String title, @RestForm String description, @RestForm String state,
                          @RestForm String at) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance add(long incidentId, AddForm form, Map<String, String> errors);
    }

    @POST
    @Path("incidents/{incidentId}/mitigations")
    public Response add(@RestPath long incidentId, @BeanParam AddForm form) {
        try {
            FormReader read = new FormReader(zone);
            String title = read.required("title", form.title());
            MitigationState state = read.choice("state", form.state(), MitigationState.class, false);
            Instant at = read.time("at", form.at());
            read.requireValid();
            MitigationStep step = mitigations.add(incidentId, title, form.description(), state, at, actor.name(), "web");
            return Flash.redirect("/incidents/" + incidentId + "#mitigation-" + step.id, "Mitigation step added");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.add(incidentId, form, FormReader.messages(e))).build();
        }
    }

    @POST
    @Path("mitigations/{id}/state")
    public Response move(@RestPath long id, @RestForm String state, @RestForm String at) {
        FormReader read = new FormReader(zone);
        MitigationState target = read.choice("state", state, MitigationState.class, true);
        Instant when = read.time("at", at);
        read.requireValid();
        MitigationStep step = mitigations.update(id, new MitigationService.Changes(Change.absent(), Change.absent(),
                Change.to(target), Change.absent(), Change.absent()), null, when, actor.name(), "web");
        return Flash.redirect("/incidents/" + step.incidentId + "#mitigation-" + step.id,
                "Mitigation step " + step.state.label());
    }
}
