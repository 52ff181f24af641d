package org.aftermath.incident;

import jakarta.annotation.security.RolesAllowed;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.incident.Incident.IncidentFilter;
import org.aftermath.incident.IncidentForms.DeclareForm;
import org.aftermath.incident.IncidentForms.EditForm;
import org.aftermath.incident.IncidentService.PageOf;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
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

/**
 * HTML pages for incidents: list, declare and edit. The incident page itself shows other features too, so it
 * is assembled above them, in {@code incidentpage}.
 */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class IncidentPages {

    private final IncidentService incidents;
    private final ReaderZone zone;
    private final Actor actor;

    IncidentPages(IncidentService incidents, ReaderZone zone, Actor actor) {
        this.incidents = incidents;
        this.zone = zone;
        this.actor = actor;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(PageOf<Incident> found, String status, String severity, String q,
                                            Map<String, String> errors);

        static native TemplateInstance declare(DeclareForm form, Map<String, String> errors);

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

    @RolesAllowed(Role.RESPOND)
    @GET
    @Path("incidents/{id}/edit")
    public TemplateInstance editForm(@RestPath long id) {
        Incident incident = incidents.require(id);
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
            return Response.status(422).entity(Templates.edit(incidents.require(id), form, FormReader.messages(e))).build();
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.edit(incidents.require(id), form,
                    Map.of("version", e.getMessage()))).build();
        }
    }
}
