package org.aftermath.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.util.Set;

/** Cross-cutting rules for HTML pages: the CSRF check, the CSRF and flash cookies, browser hardening headers. */
public class PageFilters {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final CsrfToken csrf;
    private final HttpServerRequest request;

    PageFilters(CsrfToken csrf, HttpServerRequest request) {
        this.csrf = csrf;
        this.request = request;
    }

    @CsrfProtected
    @WithFormRead
    @ServerRequestFilter
    public Response requireCsrfToken(ResteasyReactiveContainerRequestContext context) {
        if (SAFE_METHODS.contains(context.getMethod())) {
            return null;
        }
        String submitted = context.getHeaderString(CsrfToken.HEADER);
        if (submitted == null) {
            Object field = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                    .getFormParameter(CsrfToken.FIELD, true, false);
            submitted = field == null ? null : field.toString();
        }
        if (csrf.matches(submitted)) {
            return null;
        }
        return ErrorMappers.respond(request, Problem.of(Response.Status.FORBIDDEN, "csrf",
                "This form has expired or did not come from Aftermath; reload the page and submit it again"));
    }

    @ServerResponseFilter
    public void pageCookiesAndHeaders(ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        if (!ErrorMappers.wantsHtml(request)) {
            return;
        }
        response.getHeaders().putSingle("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'");
        // Minted here, before the page renders, so the template and the cookie carry the same token.
        if (!csrf.presentInRequest()) {
            request.response().addCookie(Cookie.cookie(CsrfToken.COOKIE, csrf.value()).setPath("/")
                    .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(request.isSSL()));
        }
        if (Flash.read(request) != null && "GET".equals(request.method().name()) && response.getStatus() == 200) {
            request.response().addCookie(Cookie.cookie(Flash.COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
        }
    }
}
