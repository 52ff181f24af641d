package org.aftermath.status;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.InvalidInputException;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.status.StatusUpdates.ImpactChoice;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Forms for the status page: an incident's impacts and public updates, and planned maintenance. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.RESPOND)
public class StatusPages {

    /** Form fields named {@code impact.<service slug>}, each holding an impact word or nothing. */
    static final String IMPACT_PREFIX = "impact.";

    private final ServiceCatalog services;
    private final StatusUpdates updates;
    private final MaintenanceSchedule maintenance;
    private final ReaderZone zone;
    private final Actor actor;

    StatusPages(ServiceCatalog services, StatusUpdates updates, MaintenanceSchedule maintenance, ReaderZone zone,
                Actor actor) {
        this.services = services;
        this.updates = updates;
        this.maintenance = maintenance;
        this.zone = zone;
        this.actor = actor;
    }

    public record UpdateForm(@RestForm String status, @RestForm String text) {
    }

    public record MaintenanceForm(@RestForm String title, @RestForm String description, @RestForm String startsAt,
                                  @RestForm String endsAt, @RestForm List<String> services) {
        public boolean names(String slug) {
            return services != null && services.contains(slug);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance incidentForms(StatusPanel panel, UpdateForm form, Map<String, String> errors);

        static native TemplateInstance maintenance(List<Maintenance> upcoming, List<Service> services,
                                                   MaintenanceForm form, Map<String, String> errors);
    }

    @POST
    @Path("incidents/{id}/impacts")
    public Response setImpacts(@RestPath long id) {
        List<ImpactChoice> choices = new ArrayList<>();
        var form = CurrentRequestManager.get().getFormData();
        if (form != null) {
            for (String name : form) {
                FormValue value = form.getFirst(name);
                if (name.startsWith(IMPACT_PREFIX) && value != null && !value.getValue().isBlank()) {
                    choices.add(new ImpactChoice(name.substring(IMPACT_PREFIX.length()), value.getValue()));
                }
            }
        }
        try {
            updates.setImpacts(id, choices, actor.name(), "web");
            return Flash.redirect("/incidents/" + id + "#status-page", "Impact on services saved");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.incidentForms(StatusPanel.of(id), null,
                    Map.of("impacts", String.join("; ", FormReader.messages(e).values())))).build();
        }
    }

    @POST
    @Path("incidents/{id}/public-updates")
    public Response postUpdate(@RestPath long id, @BeanParam UpdateForm form) {
        try {
            FormReader read = new FormReader(zone);
            String text = read.required("text", form.text());
            PublicStatus status = PublicStatus.parse(form.status());
            read.requireValid();
            if (status == null) {
                throw new InvalidInputException("status", "must be one of " + PublicStatus.ids());
            }
            updates.post(id, status, text, actor.name(), "web");
            return Flash.redirect("/incidents/" + id + "#status-page", "Public update posted");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.incidentForms(StatusPanel.of(id).choosing(form.status()), form,
                    FormReader.messages(e)))
                    .build();
        }
    }

    @POST
    @Path("incidents/{id}/postmortem/visibility")
    public Response setPostmortemVisibility(@RestPath long id, @RestForm String visibility) {
        boolean isPublic = updates.setPostmortemPublic(id, "public".equals(visibility), actor.name(), "web");
        return Flash.redirect("/incidents/" + id + "#status-page",
                isPublic ? "The postmortem's public sections are published" : "The postmortem is private");
    }

    @RolesAllowed(Role.VIEW)
    @GET
    @Path("maintenance")
    public TemplateInstance listMaintenance() {
        return Templates.maintenance(maintenance.upcoming(), services.all(),
                new MaintenanceForm("", "", "", "", List.of()), Map.of());
    }

    @POST
    @Path("maintenance")
    public Response planMaintenance(@BeanParam MaintenanceForm form) {
        try {
            FormReader read = new FormReader(zone);
            var startsAt = read.time("startsAt", form.startsAt());
            var endsAt = read.time("endsAt", form.endsAt());
            read.requireValid();
            Maintenance planned = maintenance.plan(new MaintenanceSchedule.Plan(form.title(), form.description(),
                    startsAt, endsAt, form.services() == null ? List.of() : form.services()), actor.name());
            return Flash.redirect("/maintenance", "Maintenance planned: " + planned.title);
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.maintenance(maintenance.upcoming(), services.all(), form,
                    FormReader.messages(e))).build();
        }
    }

    @POST
    @Path("maintenance/{id}/cancel")
    public Response cancelMaintenance(@RestPath long id) {
        maintenance.cancel(id, actor.name());
        return Flash.redirect("/maintenance", "Maintenance cancelled");
    }
}
