package org.aftermath.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.aftermath.InvalidInputException;
import org.aftermath.security.Role;
import org.aftermath.web.MalformedRequestException;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestQuery;

/** JSON search: the same query as the page; snippets as fragments with the matched words flagged. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class SearchApi {

    private final SearchService search;
    private final ReaderZone zone;

    SearchApi(SearchService search, ReaderZone zone) {
        this.search = search;
        this.zone = zone;
    }

    @GET
    @Path("search")
    public SearchService.Results search(@RestQuery String q, @RestQuery String status, @RestQuery String severity,
                                        @RestQuery String from, @RestQuery String to, @RestQuery String page) {
        try {
            SearchForm.Parsed parsed = new SearchForm(q, status, severity, from, to, page).parse(zone);
            return search.search(parsed.query(), parsed.page(), parsed.size());
        } catch (InvalidInputException e) {
            throw new MalformedRequestException(e.errors());
        }
    }
}
