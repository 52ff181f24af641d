package org.aftermath.runbook;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.InvalidInputException;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.Pages;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

import java.net.URI;

/** The runbook catalog page (with parse problems and a reload button), one runbook, and its shell script. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class RunbookPages {

    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).build();

    private final RunbookCatalog catalog;

    RunbookPages(RunbookCatalog catalog) {
        this.catalog = catalog;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(RunbookCatalog.Snapshot catalog);

        static native TemplateInstance show(Runbook runbook, String html);
    }

    @GET
    @Path("runbooks")
    public TemplateInstance list() {
        return Templates.list(catalog.current());
    }

    @POST
    @Path("runbooks/reload")
    public Response reload() {
        RunbookCatalog.Snapshot snapshot = catalog.reload();
        return Flash.redirect("/runbooks", "Runbooks read again: " + snapshot.runbooks().size() + " ready, "
                + snapshot.problems().size() + " problem" + (snapshot.problems().size() == 1 ? "" : "s"));
    }

    @GET
    @Path("runbooks/{slug}")
    public TemplateInstance show(@RestPath String slug) {
        Runbook runbook = catalog.require(slug);
        String html = Jsoup.clean(HTML.render(RunbookParser.MARKDOWN.parse(RunbookParser.body(runbook.content()))),
                Safelist.relaxed());
        return Templates.show(runbook, html);
    }

    /** The "run against incident…" picker: on to that incident's run form for this runbook. */
    @GET
    @Path("runbooks/{slug}/run")
    @RolesAllowed(Role.OPERATE)
    public Response runAgainst(@RestPath String slug, @RestQuery String incident) {
        Runbook runbook = catalog.require(slug);
        if (incident == null || !incident.strip().matches("[0-9]{1,18}")) {
            throw new InvalidInputException("incident", "choose an incident");
        }
        return Response.seeOther(URI.create("/incidents/" + incident.strip() + "#start-" + runbook.slug())).build();
    }

    @GET
    @Path("runbooks/{slug}/script")
    @Produces("text/plain;charset=UTF-8")
    public Response script(@RestPath String slug) {
        return script(catalog, slug);
    }

    static Response script(RunbookCatalog catalog, String slug) {
        Runbook runbook = catalog.require(slug);
        return Response.ok(ScriptExporter.export(runbook, step -> catalog.timeoutOf(runbook, step)))
                .header("Content-Disposition", "inline; filename=\"" + slug + ".sh\"").build();
    }
}
