package org.aftermath.postmortem;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.postmortem.PostmortemExporter.Export;
import org.aftermath.postmortem.PostmortemExporter.Options;
import org.aftermath.postmortem.PostmortemService.Current;
import org.aftermath.postmortem.markdown.MarkdownHtml;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

/** The postmortem editor, its rendered preview and the Markdown download. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class PostmortemPages {

    private final PostmortemService postmortems;
    private final PostmortemExporter exporter;
    private final ReaderZone zone;
    private final Actor actor;

    PostmortemPages(PostmortemService postmortems, PostmortemExporter exporter, ReaderZone zone, Actor actor) {
        this.postmortems = postmortems;
        this.exporter = exporter;
        this.zone = zone;
        this.actor = actor;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(Current current, PostmortemForm form, List<PostmortemForm.Field> fields,
                                            boolean conflict, List<PostmortemRevision> revisions,
                                            Map<String, String> errors);

        static native TemplateInstance preview(PostmortemDocument doc, Export export, String html, Options options,
                                               String otherZone);
    }

    @RolesAllowed(Role.RESPOND)
    @GET
    @Path("incidents/{id}/postmortem")
    public TemplateInstance editForm(@RestPath long id) {
        Current current = postmortems.current(id);
        PostmortemForm form = PostmortemForm.of(current);
        return editPage(current, form, false, Map.of());
    }

    @RolesAllowed(Role.RESPOND)
    @POST
    @Path("incidents/{id}/postmortem")
    public Response save(@RestPath long id, @BeanParam PostmortemForm form) {
        try {
            long expected = form.expectedVersion(zone);
            Current saved = postmortems.save(id, form.toContent(zone), expected, actor.name());
            return Flash.redirect("/incidents/" + id + "/postmortem", saved.revision() == expected
                    ? "Nothing changed since version " + expected : "Postmortem saved (version " + saved.revision() + ")");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(editPage(postmortems.current(id), form, false,
                    FormReader.messages(e))).build();
        } catch (ConflictException e) {
            Current current = postmortems.current(id);
            Postmortem newer = current.postmortem();
            String message = "While you were editing, " + newer.updatedBy + " saved version " + current.revision()
                    + " at " + zone.format(newer.updatedAt) + ". Nothing of yours was saved: your text is still in the"
                    + " form, and each section they changed shows their text below yours. Merge, then save again.";
            // The form now carries the version just shown, so saving the merge goes through.
            return Response.status(409).entity(editPage(current, form.withVersion(current.revision()), true,
                    Map.of("version", message))).build();
        }
    }

    @GET
    @Path("incidents/{id}/postmortem/preview")
    public TemplateInstance preview(@RestPath long id, @RestQuery String tz, @RestQuery String timeline) {
        Options options = Options.parse(tz, timeline, zone.zone());
        Export export = exporter.export(id, options);
        // The datalist offers the other zone a reader most likely wants: theirs, or UTC when already in theirs.
        String otherZone = options.zone().equals(zone.zone()) || !zone.reportedByBrowser() ? "UTC" : zone.zone().getId();
        return Templates.preview(export.document(), export, MarkdownHtml.render(export.markdown()), options, otherZone);
    }

    /** A download, whatever the client accepts (browsers, curl and scripts send different Accept headers). */
    @GET
    @Path("incidents/{id}/postmortem.md")
    @Produces(MediaType.WILDCARD)
    public Response markdown(@RestPath long id, @RestQuery String tz, @RestQuery String timeline) {
        return download(exporter.export(id, Options.parse(tz, timeline, zone.zone())));
    }

    static Response download(Export export) {
        return Response.ok(export.markdown()).type("text/markdown; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"").build();
    }

    private TemplateInstance editPage(Current current, PostmortemForm form, boolean conflict,
                                      Map<String, String> errors) {
        return Templates.edit(current, form, form.fields(current.content()), conflict,
                postmortems.revisions(current.incident().id), errors);
    }
}
