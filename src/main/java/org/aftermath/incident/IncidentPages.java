package org.aftermath.incident;

import jakarta.annotation.security.RolesAllowed;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.followup.FollowUp;
import org.aftermath.followup.FollowUpService;
import org.aftermath.incident.Incident.IncidentFilter;
import org.aftermath.incident.IncidentForms.DeclareForm;
import org.aftermath.incident.IncidentForms.EditForm;
import org.aftermath.incident.IncidentForms.StatusForm;
import org.aftermath.incident.IncidentService.PageOf;
import org.aftermath.mitigation.MitigationStep;
import org.aftermath.mitigation.MitigationService;
import org.aftermath.run.web.RunPanel;
import org.aftermath.run.web.RunPanels;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.timeline.TimelineEvent;
import org.aftermath.timeline.TimelineService;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.MalformedRequestException;
import org.aftermath.web.Paging;
import org.aftermath.web.QueryParams;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

/** HTML pages for incidents: list, declare, the incident page itself, and edits. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class IncidentPages {

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final MitigationService mitigations;
    private final FollowUpService followUps;
    private final RunPanels runs;
    private final ReaderZone zone;
    private final Actor actor;

    IncidentPages(IncidentService incidents, TimelineService timeline, MitigationService mitigations,
                  FollowUpService followUps, RunPanels runs, ReaderZone zone, Actor actor) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.mitigations = mitigations;
        this.followUps = followUps;
        this.runs = runs;
        this.zone = zone;
        this.actor = actor;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(PageOf<Incident> found, String status, String severity, String q,
                                            Map<String, String> errors);

        static native TemplateInstance declare(DeclareForm form, Map<String, String> errors);

        static native TemplateInstance show(Incident incident, List<TimelineEvent> events,
                                            List<MitigationStep> mitigations, List<FollowUp> followUps,
                                            RunPanel runs, StatusForm statusForm, Map<String, String> errors);

        static native TemplateInstance edit(Incident incident, EditForm form, Map<String, String> errors);
    }

    @GET
    @Path("incidents")
    public Response list(@RestQuery String status, @RestQuery String severity, @RestQuery String q,
                         @RestQuery String page) {
        try {
            IncidentFilter filter = new IncidentFilter(QueryParams.enumValue("status", status, IncidentStatus.class),
                    QueryParams.enumValue("severity", severity, Severity.class), q);
            Paging paging = Paging.parse(page, null);
            return Response.ok(Templates.list(incidents.search(filter, paging.page(), paging.size()),
                    status, severity, q, Map.of())).build();
        } catch (MalformedRequestException e) {
            PageOf<Incident> none = new PageOf<>(List.of(), 0, Paging.DEFAULT_SIZE, 0);
            return Response.status(400).entity(Templates.list(none, status, severity, q,
                    FormReader.messages(new InvalidInputException(e.errors())))).build();
        }
    }

    @RolesAllowed(Role.RESPOND)
    @GET
    @Path("incidents/new")
    public TemplateInstance declareForm() {
        return Templates.declare(DeclareForm.blank(), Map.of());
    }

    @POST
    @Path("incidents")
    @RolesAllowed(Role.RESPOND)
    public Response declare(@BeanParam DeclareForm form) {
        try {
            Incident incident = incidents.declare(form.toDeclaration(zone), actor.name(), "web");
            return Flash.redirect("/incidents/" + incident.id, "Incident #" + incident.id + " declared");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.declare(form, FormReader.messages(e))).build();
        }
    }

    @GET
    @Path("incidents/{id}")
    public TemplateInstance show(@RestPath long id) {
        return page(incidents.get(id), StatusForm.blank(), Map.of());
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
            return Response.status(422).entity(page(incidents.get(id), form, FormReader.messages(e))).build();
        } catch (ConflictException e) {
            // e.g. closing before the postmortem is written: say why beside the buttons, not on an error page
            return Response.status(409).entity(page(incidents.get(id), form, Map.of("status", e.getMessage()))).build();
        }
    }

    @RolesAllowed(Role.RESPOND)
    @GET
    @Path("incidents/{id}/edit")
    public TemplateInstance editForm(@RestPath long id) {
        Incident incident = incidents.get(id);
        return Templates.edit(incident, EditForm.of(incident, zone), Map.of());
    }

    @POST
    @Path("incidents/{id}/edit")
    @RolesAllowed(Role.RESPOND)
    public Response edit(@RestPath long id, @BeanParam EditForm form) {
        try {
            incidents.update(id, form.toChanges(zone), form.expectedVersion(zone), actor.name(), "web");
            return Flash.redirect("/incidents/" + id, "Incident updated");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.edit(incidents.get(id), form, FormReader.messages(e))).build();
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.edit(incidents.get(id), form,
                    Map.of("version", e.getMessage()))).build();
        }
    }

    private TemplateInstance page(Incident incident, StatusForm statusForm, Map<String, String> errors) {
        List<MitigationStep> steps = mitigations.forIncident(incident.id);
        return Templates.show(incident, timeline.eventsOf(incident.id), steps, followUps.forIncident(incident.id),
                runs.forIncident(incident.id, steps), statusForm, errors);
    }
}
