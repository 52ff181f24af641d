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
import org.aftermath.ConflictException;
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

import java.util.List;
import java.util.Map;

/** The admin page of the services the status page lists: add, rename, describe, reorder. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.ADMINISTER)
public class ServicePages {

    private final ServiceCatalog services;
    private final ReaderZone zone;
    private final Actor actor;

    ServicePages(ServiceCatalog services, ReaderZone zone, Actor actor) {
        this.services = services;
        this.zone = zone;
        this.actor = actor;
    }

    public record ServiceForm(@RestForm String name, @RestForm String description, @RestForm String displayOrder) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance services(List<Service> services, ServiceForm form, Map<String, String> errors);
    }

    @GET
    @Path("admin/services")
    public TemplateInstance listServices() {
        return Templates.services(services.all(), new ServiceForm("", "", ""), Map.of());
    }

    @POST
    @Path("admin/services")
    public Response createService(@BeanParam ServiceForm form) {
        try {
            FormReader read = new FormReader(zone);
            Long order = read.number("displayOrder", form.displayOrder());
            read.requireValid();
            Service service = services.create(form.name(), form.description(), order == null ? null : order.intValue(),
                    actor.name());
            return Flash.redirect("/admin/services", "Service " + service.name + " added");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.services(services.all(), form, FormReader.messages(e))).build();
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.services(services.all(), form, Map.of("name", e.getMessage())))
                    .build();
        }
    }

    @POST
    @Path("admin/services/{slug}")
    public Response updateService(@RestPath String slug, @BeanParam ServiceForm form) {
        try {
            FormReader read = new FormReader(zone);
            Long order = read.number("displayOrder", form.displayOrder());
            read.requireValid();
            Service service = services.update(slug, form.name(), form.description() == null ? "" : form.description(),
                    order == null ? null : order.intValue(), actor.name());
            return Flash.redirect("/admin/services#service-" + service.slug, "Service " + service.name + " saved");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(Templates.services(services.all(), new ServiceForm("", "", ""),
                    Map.of("edit-" + slug, String.join("; ", FormReader.messages(e).values())))).build();
        } catch (ConflictException e) {
            return Response.status(409).entity(Templates.services(services.all(), new ServiceForm("", "", ""),
                    Map.of("edit-" + slug, e.getMessage()))).build();
        }
    }
}
