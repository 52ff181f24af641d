package org.aftermath.run.web;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.aftermath.run.Run;
import org.aftermath.run.RunService;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** JSON API for runbook runs; and their live output as server-sent events. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class RunApi {

    private final RunService runs;
    private final RunViews views;
    private final RunStreams streams;
    private final Actor actor;

    RunApi(RunService runs, RunViews views, RunStreams streams, Actor actor) {
        this.runs = runs;
        this.views = views;
        this.streams = streams;
        this.actor = actor;
    }

    public record StartRequest(String runbook, String mode, Map<String, Object> params, Long mitigationId) {
    }

    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("incidents/{incidentId}/runs")
    public Response start(@RestPath long incidentId, @NotNull StartRequest request) {
        Run run = runs.start(incidentId, new RunService.Start(request.runbook(), request.mode(), request.params(),
                request.mitigationId()), actor.name(), "api");
        return Response.accepted(views.view(run.id)).location(URI.create("/api/runs/" + run.id)).build();
    }

    @GET
    @Path("incidents/{incidentId}/runs")
    public List<RunView> list(@RestPath long incidentId) {
        return views.ofIncident(incidentId);
    }

    @GET
    @Path("runs/{id}")
    public RunView get(@RestPath long id) {
        return views.view(id);
    }

    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("runs/{id}/confirm")
    public Response confirm(@RestPath long id) {
        runs.confirm(id, actor.name(), "api");
        return Response.accepted(views.view(id)).build();
    }

    /** Runs a plan that succeeded again as execute, with its parameters: 202 with the new run. */
    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("runs/{id}/execute")
    public Response execute(@RestPath long id) {
        Run run = runs.executePlan(id, actor.name(), "api");
        return Response.accepted(views.view(run.id)).location(URI.create("/api/runs/" + run.id)).build();
    }

    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("runs/{id}/cancel")
    public Response cancel(@RestPath long id) {
        runs.cancel(id, actor.name(), "api");
        return Response.accepted(views.view(id)).build();
    }

    /** Events: {@code state}, {@code output} (id = chunk sequence, so a reconnect resumes), {@code end}. */
    @GET
    @Path("runs/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> events(@BeanParam RunStreams.Resume request, @Context Sse sse) {
        return streams.open(request, sse);
    }
}
