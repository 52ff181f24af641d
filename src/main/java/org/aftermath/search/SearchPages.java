package org.aftermath.search;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.InvalidInputException;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

/** The search box's results page. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class SearchPages {

    private final SearchService search;
    private final ReaderZone zone;

    SearchPages(SearchService search, ReaderZone zone) {
        this.search = search;
        this.zone = zone;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance results(SearchForm form, SearchService.Results results,
                                               Map<String, String> errors);
    }

    @GET
    @Path("search")
    public Response results(@RestQuery String q, @RestQuery String status, @RestQuery String severity,
                            @RestQuery String from, @RestQuery String to, @RestQuery String page) {
        SearchForm form = new SearchForm(q, status, severity, from, to, page);
        try {
            SearchForm.Parsed parsed = form.parse(zone);
            return Response.ok(Templates.results(form, search.search(parsed.query(), parsed.page(), parsed.size()),
                    Map.of())).build();
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.results(form,
                    new SearchService.Results(List.of(), 0, 0, 20), FormReader.messages(e))).build();
        }
    }
}
