package org.aftermath.security;

import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.aftermath.web.Cookies;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.ErrorMappers;
import org.aftermath.web.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Every state-changing request to a page (login included) must come from one of Aftermath's own pages:
 * the browser must not say it is cross-site ({@code Sec-Fetch-Site}, {@code Origin}), and the request must
 * repeat the session's {@link CsrfToken}.
 */
public class CsrfFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Problem REFUSED = Problem.of(Response.Status.FORBIDDEN, "csrf",
            "This form has expired or did not come from Aftermath; reload the page and submit it again");

    private final CsrfToken csrf;
    private final HttpServerRequest request;
    private final String baseOrigin;

    CsrfFilter(CsrfToken csrf, HttpServerRequest request, @ConfigProperty(name = "aftermath.base-url") String baseUrl) {
        this.csrf = csrf;
        this.request = request;
        this.baseOrigin = origin(baseUrl);
    }

    @CsrfProtected
    @WithFormRead
    @ServerRequestFilter
    public Response requireCsrfToken(ResteasyReactiveContainerRequestContext context) {
        if (SAFE_METHODS.contains(context.getMethod())) {
            return null;
        }
        if (crossSite()) {
            return ErrorMappers.respond(request, REFUSED);
        }
        String submitted = context.getHeaderString(CsrfToken.HEADER);
        if (submitted == null) {
            Object field = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                    .getFormParameter(CsrfToken.FIELD, true, false);
            submitted = field == null ? null : field.toString();
        }
        return csrf.matches(submitted) ? null : ErrorMappers.respond(request, REFUSED);
    }

    /** An anonymous page (the login form) binds its token to a fresh pre-session cookie, set before it renders. */
    @ServerResponseFilter
    public void setPreSessionCookie(ContainerResponseContext response) {
        if (ErrorMappers.wantsHtml(request)) {
            csrf.nonceToSet().ifPresent(nonce -> request.response()
                    .addCookie(Cookies.of(request, CsrfToken.NONCE_COOKIE, nonce, CookieSameSite.STRICT)));
        }
    }

    /**
     * Browsers say where a request comes from; an old browser that says nothing still needs the token.
     * Same origin means Aftermath's configured base URL or the host the request was sent to.
     */
    private boolean crossSite() {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !(site.equals("same-origin") || site.equals("none"))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String claimed = origin(origin);
        String requested = (Cookies.overHttps(request) ? "https" : "http") + "://" + request.authority();
        return claimed == null || !(claimed.equals(baseOrigin) || claimed.equals(origin(requested)));
    }

    /** scheme://host[:port] in lower case, with the scheme's default port left out; null if it is not a URL. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
