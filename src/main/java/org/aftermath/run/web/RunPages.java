package org.aftermath.run.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.aftermath.InvalidInputException;
import org.aftermath.mitigation.MitigationService;
import org.aftermath.run.Run;
import org.aftermath.run.RunService;
import org.aftermath.runbook.RunbookCatalog;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;

import java.util.Map;

/** The run form on the incident page, the run page, and its confirm, execute and cancel buttons. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class RunPages {

    private final RunService runs;
    private final RunViews views;
    private final RunStreams streams;
    private final RunbookCatalog catalog;
    private final MitigationService mitigations;
    private final Actor actor;

    RunPages(RunService runs, RunViews views, RunStreams streams, RunbookCatalog catalog, MitigationService mitigations,
             Actor actor) {
        this.runs = runs;
        this.views = views;
        this.streams = streams;
        this.catalog = catalog;
        this.mitigations = mitigations;
        this.actor = actor;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(RunView run);

        static native TemplateInstance start(RunForm form);

        static native TemplateInstance list(long incidentId, java.util.List<RunView> runs);
    }

    /** The incident page's run list alone, swapped in again when the incident's timeline changes. */
    @GET
    @Path("incidents/{incidentId}/runs")
    public TemplateInstance list(@RestPath long incidentId) {
        return Templates.list(incidentId, views.ofIncident(incidentId));
    }

    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("incidents/{incidentId}/runs")
    public Response start(@RestPath long incidentId, @BeanParam StartForm form) {
        Map<String, String> values = StartForm.paramsOf(CurrentRequestManager.get().getFormData());
        try {
            Run run = runs.start(incidentId, new RunService.Start(form.runbook(), form.mode(), values, form.mitigation()),
                    actor.name(), "web");
            return Flash.redirect("/runs/" + run.id, "Run #" + run.id + " of " + run.runbookTitle + " started ("
                    + run.mode.id() + ")");
        } catch (InvalidInputException e) {
            var runbook = form.runbook() == null ? null : catalog.find(form.runbook()).orElse(null);
            if (runbook == null) {
                throw e;
            }
            RunForm shown = RunForm.of(incidentId, runbook, values, FormReader.messages(e),
                    mitigations.forIncident(incidentId), form.mitigationId());
            return Response.status(422).entity(Templates.start(shown)).build();
        }
    }

    @GET
    @Path("runs/{id}")
    public TemplateInstance show(@RestPath long id) {
        return Templates.show(views.view(id));
    }

    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("runs/{id}/confirm")
    public Response confirm(@RestPath long id) {
        Run run = runs.confirm(id, actor.name(), "web");
        return Flash.redirect("/runs/" + id, "Confirmed: run #" + run.id + " goes on");
    }

    /** A plan that succeeded, executed with the same parameters. */
    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("runs/{id}/execute")
    public Response execute(@RestPath long id) {
        Run run = runs.executePlan(id, actor.name(), "web");
        return Flash.redirect("/runs/" + run.id, "Run #" + run.id + " executes the plan of run #" + id);
    }

    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("runs/{id}/cancel")
    public Response cancel(@RestPath long id) {
        runs.cancel(id, actor.name(), "web");
        return Flash.redirect("/runs/" + id, "Cancelling run #" + id);
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
