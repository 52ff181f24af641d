package org.aftermath.status;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.InvalidInputException;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.status.StatusUpdates.ImpactChoice;
import org.aftermath.status.StatusUpdates.ServiceImpact;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** JSON API for the status page's data: services, an incident's impacts and public updates, maintenance. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class StatusApi {

    private final ServiceCatalog services;
    private final StatusUpdates updates;
    private final MaintenanceSchedule maintenance;
    private final Actor actor;

    StatusApi(ServiceCatalog services, StatusUpdates updates, MaintenanceSchedule maintenance, Actor actor) {
        this.services = services;
        this.updates = updates;
        this.maintenance = maintenance;
        this.actor = actor;
    }

    public record ServiceJson(long id, String slug, String name, String description, int displayOrder) {
        static ServiceJson of(Service s) {
            return new ServiceJson(s.id, s.slug, s.name, s.description, s.displayOrder);
        }
    }

    /** For a PATCH, fields left out (or null) stay as they are. */
    public record ServiceRequest(String name, String description, Integer displayOrder) {
    }

    public record ImpactJson(String service, String name, Impact impact) {
        static ImpactJson of(ServiceImpact i) {
            return new ImpactJson(i.service(), i.name(), i.impact());
        }
    }

    public record UpdateRequest(String status, String text) {
    }

    public record UpdateJson(long id, long incidentId, PublicStatus status, String text, Instant postedAt,
                             String postedBy) {
        static UpdateJson of(PublicUpdate u) {
            return new UpdateJson(u.id, u.incidentId, u.status, u.text, u.postedAt, u.postedBy);
        }
    }

    public record VisibilityRequest(@com.fasterxml.jackson.annotation.JsonProperty("public") @NotNull(message = "is required: true or false") Boolean isPublic) {
    }

    public record MaintenanceRequest(String title, String description, Instant startsAt, Instant endsAt,
                                     List<String> services) {
    }

    public record MaintenanceJson(long id, String title, String description, Instant startsAt, Instant endsAt,
                                  List<String> services) {
        static MaintenanceJson of(Maintenance m, List<Service> all) {
            return new MaintenanceJson(m.id, m.title, m.description, m.startsAt, m.endsAt,
                    all.stream().filter(s -> m.serviceIds.contains(s.id)).map(s -> s.slug).toList());
        }
    }

    @GET
    @Path("services")
    public List<ServiceJson> listServices() {
        return services.all().stream().map(ServiceJson::of).toList();
    }

    @GET
    @Path("services/{slug}")
    public ServiceJson getService(@RestPath String slug) {
        return ServiceJson.of(services.require(slug));
    }

    @RolesAllowed(Role.ADMINISTER)
    @POST
    @Path("services")
    public Response createService(@NotNull ServiceRequest request) {
        Service service = services.create(request.name(), request.description(), request.displayOrder(), actor.name());
        return Response.created(URI.create("/api/services/" + service.slug)).entity(ServiceJson.of(service)).build();
    }

    @RolesAllowed(Role.ADMINISTER)
    @PATCH
    @Path("services/{slug}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public ServiceJson updateService(@RestPath String slug, @NotNull ServiceRequest request) {
        return ServiceJson.of(services.update(slug, request.name(), request.description(), request.displayOrder(),
                actor.name()));
    }

    @GET
    @Path("incidents/{id}/impacts")
    public List<ImpactJson> impacts(@RestPath long id) {
        return updates.impactsOf(id).stream().map(ImpactJson::of).toList();
    }

    @RolesAllowed(Role.RESPOND)
    @PUT
    @Path("incidents/{id}/impacts")
    public List<ImpactJson> setImpacts(@RestPath long id, List<ImpactChoice> request) {
        if (request == null) {
            throw new InvalidInputException("body", "must be a list of {\"service\", \"impact\"}; [] clears them");
        }
        return updates.setImpacts(id, request, actor.name(), "api").stream().map(ImpactJson::of).toList();
    }

    @GET
    @Path("incidents/{id}/public-updates")
    public List<UpdateJson> publicUpdates(@RestPath long id) {
        return updates.updatesOf(id).stream().map(UpdateJson::of).toList();
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("incidents/{id}/public-updates")
    public Response postUpdate(@RestPath long id, @NotNull UpdateRequest request) {
        PublicStatus status = PublicStatus.parse(request.status());
        if (status == null) {
            throw new InvalidInputException("status", "must be one of " + PublicStatus.ids());
        }
        PublicUpdate update = updates.post(id, status, request.text(), actor.name(), "api");
        return Response.created(URI.create("/api/incidents/" + id + "/public-updates")).entity(UpdateJson.of(update)).build();
    }

    @RolesAllowed(Role.RESPOND)
    @PUT
    @Path("incidents/{id}/postmortem/visibility")
    public VisibilityRequest setPostmortemVisibility(@RestPath long id, @Valid @NotNull VisibilityRequest request) {
        return new VisibilityRequest(updates.setPostmortemPublic(id, request.isPublic(), actor.name(), "api"));
    }

    @GET
    @Path("maintenance")
    public List<MaintenanceJson> upcomingMaintenance() {
        List<Service> all = services.all();
        return maintenance.upcoming().stream().map(m -> MaintenanceJson.of(m, all)).toList();
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("maintenance")
    public Response planMaintenance(@NotNull MaintenanceRequest request) {
        Maintenance planned = maintenance.plan(new MaintenanceSchedule.Plan(request.title(), request.description(),
                request.startsAt(), request.endsAt(), request.services()), actor.name());
        return Response.created(URI.create("/api/maintenance")).entity(MaintenanceJson.of(planned, services.all())).build();
    }
}
