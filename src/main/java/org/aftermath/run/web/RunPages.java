package org.aftermath.run.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.OutboundSseEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;

import java.util.LinkedHashMap;
import java.util.Map;

/** The run form on the incident page, the run page with its live output, and confirm and cancel buttons. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class RunPages {

    private static final String PARAM_PREFIX = "params.";

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

    /** The fixed fields; each parameter comes as {@code params.<name>}. */
    public record StartForm(@RestForm String runbook, @RestForm String mode, @RestForm String mitigationId) {
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
        Map<String, String> values = paramsOf(CurrentRequestManager.get().getFormData());
        try {
            Long mitigationId = mitigationId(form.mitigationId());
            Run run = runs.start(incidentId, new RunService.Start(form.runbook(), form.mode(), values, mitigationId),
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

    @GET
    @Path("runs/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> events(@RestPath long id, @RestQuery Integer after,
                                          @RestHeader("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return streams.open(id, RunStreams.resumeFrom(after, lastEventId), sse);
    }

    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("runs/{id}/confirm")
    public Response confirm(@RestPath long id) {
        Run run = runs.confirm(id, actor.name(), "web");
        return Flash.redirect("/runs/" + id, "Confirmed: run #" + run.id + " goes on");
    }

    @RolesAllowed(Role.OPERATE)
    @POST
    @Path("runs/{id}/cancel")
    public Response cancel(@RestPath long id) {
        runs.cancel(id, actor.name(), "web");
        return Flash.redirect("/runs/" + id, "Cancelling run #" + id);
    }

    private static Long mitigationId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("mitigationId", "must be a mitigation step of this incident");
        }
    }

    private static Map<String, String> paramsOf(FormData form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form == null) {
            return values;
        }
        for (String name : form) {
            if (name.startsWith(PARAM_PREFIX) && form.getFirst(name) != null) {
                values.put(name.substring(PARAM_PREFIX.length()), form.getFirst(name).getValue());
            }
        }
        return values;
    }
}
