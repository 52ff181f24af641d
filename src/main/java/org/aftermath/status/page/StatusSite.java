package org.aftermath.status.page;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.aftermath.NotFoundException;
import org.aftermath.status.page.StatusRenderer.Links;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The status page served by Aftermath itself, open without login, when aftermath.status.enabled is true; off,
 * every route answers 404. The same files are published off this machine by {@link StatusPublisher}.
 */
@Path("/status")
@PermitAll
public class StatusSite {

    private final StatusSettings settings;
    private final StatusCache cache;
    private final StatusRenderer renderer;

    StatusSite(StatusSettings settings, StatusCache cache, StatusRenderer renderer) {
        this.settings = settings;
        this.cache = cache;
        this.renderer = renderer;
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String index() {
        return renderer.index(snapshot(), Links.SERVED);
    }

    @GET
    @Path("incident-{id}.html")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String incident(@RestPath String id) {
        StatusSnapshot snapshot = snapshot();
        if (!id.matches("[0-9]{1,18}")) {
            throw new NotFoundException("Published incident", id);
        }
        return renderer.incident(snapshot, Long.parseLong(id), Links.SERVED)
                .orElseThrow(() -> new NotFoundException("Published incident", id));
    }

    @GET
    @Path("feed.xml")
    @Produces("application/atom+xml;charset=UTF-8")
    public String feed() {
        return renderer.feed(snapshot());
    }

    @GET
    @Path("status.json")
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    public String json() {
        return renderer.json(snapshot());
    }

    @GET
    @Path("status.css")
    @Produces("text/css")
    public byte[] css() {
        requireEnabled();
        return renderer.css();
    }

    private StatusSnapshot snapshot() {
        requireEnabled();
        return cache.snapshot();
    }

    private void requireEnabled() {
        if (!settings.enabled()) {
            throw new NotFoundException("Page", "status");
        }
    }
}
