package org.aftermath.incidentpage;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.followup.FollowUp;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentService;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.mitigation.MitigationStep;
import org.aftermath.run.web.RunPanel;
import org.aftermath.run.web.RunPanels;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.status.StatusPanel;
import org.aftermath.timeline.TimelineEvent;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.Map;

/**
 * The incident page, which shows several features at once (timeline, runs, mitigation steps, follow-ups,
 * the status page's impacts and public updates).
 * It lives above all of them so that they depend on incident and never the other way round; the status
 * buttons are here because a refused change re-renders this page.
 */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class IncidentShowPages {

    private final IncidentService incidents;
    private final RunPanels runs;
    private final ReaderZone zone;
    private final Actor actor;

    IncidentShowPages(IncidentService incidents, RunPanels runs, ReaderZone zone, Actor actor) {
        this.incidents = incidents;
        this.runs = runs;
        this.zone = zone;
        this.actor = actor;
    }

    /** The status buttons; {@code at} is a {@code datetime-local} string in the reader's zone. */
    public record StatusForm(@RestForm String status, @RestForm String at, @RestForm String note,
                             @RestForm String version) {

        static StatusForm blank() {
            return new StatusForm(null, "", "", null);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(Incident incident, List<TimelineEvent> events,
                                            List<MitigationStep> mitigations, List<FollowUp> followUps,
                                            RunPanel runs, StatusPanel statusPage, StatusForm statusForm,
                                            Map<String, String> errors);
    }

    @GET
    @Path("incidents/{id}")
    public TemplateInstance show(@RestPath long id) {
        return page(incidents.require(id), StatusForm.blank(), Map.of());
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("incidents/{id}/status")
    public Response changeStatus(@RestPath long id, @BeanParam StatusForm form) {
        FormReader read = new FormReader(zone);
        try {
            IncidentStatus target = read.choice("status", form.status(), IncidentStatus.class, true);
            var at = read.time("at", form.at());
            Long version = read.number("version", form.version());
            read.requireValid();
            Incident incident = incidents.changeStatus(id, target, at, form.note(), version, actor.name(), "web");
            return Flash.redirect("/incidents/" + id, incident.status.pastTense());
        } catch (InvalidInputException e) {
            return Response.status(422).entity(page(incidents.require(id), form, FormReader.messages(e))).build();
        } catch (ConflictException e) {
            // e.g. closing before the postmortem is written: say why beside the buttons, not on an error page
            return Response.status(409).entity(page(incidents.require(id), form, Map.of("status", e.getMessage()))).build();
        }
    }

    /** Everything read up front with the incident already in hand, so no feature looks it up again. */
    private TemplateInstance page(Incident incident, StatusForm statusForm, Map<String, String> errors) {
        List<MitigationStep> steps = MitigationStep.forIncident(incident.id);
        return Templates.show(incident, TimelineEvent.forIncident(incident.id), steps,
                FollowUp.forIncident(incident.id), runs.forIncident(incident.id, steps), StatusPanel.of(incident.id),
                statusForm, errors);
    }
}
