package org.aftermath.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The flash message is shown once: the page that showed it clears its cookie. (Security headers are set
 * for every response, static files and errors included, in application.properties.)
 */
public class PageFilters {

    private final HttpServerRequest request;

    PageFilters(HttpServerRequest request) {
        this.request = request;
    }

    @ServerResponseFilter
    public void clearShownFlash(ContainerResponseContext response) {
        if (ErrorMappers.wantsHtml(request) && Flash.read(request) != null && "GET".equals(request.method().name())
                && response.getStatus() == 200) {
            request.response().addCookie(Cookies.expired(request, Flash.COOKIE));
        }
    }
}
