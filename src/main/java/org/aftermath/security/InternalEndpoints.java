package org.aftermath.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.aftermath.web.Problem;

import java.util.Optional;

/**
 * Guards Quarkus's own endpoints that are not open (HTTP permissions in application.properties do not reach
 * them): /q/metrics for a token of the metrics or alerts role or an admin, /q/openapi and /q/swagger-ui for
 * anyone logged in (session) or with a person's token. Health stays open.
 */
@Singleton
class InternalEndpoints {

    private final TokenService tokens;
    private final SessionCookie cookies;
    private final LoginService logins;

    InternalEndpoints(TokenService tokens, SessionCookie cookies, LoginService logins) {
        this.tokens = tokens;
        this.cookies = cookies;
        this.logins = logins;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 900);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        boolean metrics = path.equals("/q/metrics") || path.startsWith("/q/metrics/");
        boolean description = path.startsWith("/q/openapi") || path.startsWith("/q/swagger-ui");
        if (!metrics && !description) {
            context.next();
            return;
        }
        context.vertx().executeBlocking(() -> roleOf(context).orElse(null), false).onComplete(answer -> {
            Role role = answer.succeeded() ? answer.result() : null;
            if (role == null) {
                refuse(context, 401, "Unauthorized", "Log in, or send Authorization: Bearer <token>");
            } else if (metrics ? role.includes(Role.METRICS) || role == Role.ALERTS : role.includes(Role.VIEWER)) {
                context.next();
            } else {
                refuse(context, 403, "Forbidden", metrics ? "Metrics need a token of the metrics or alerts role, or an admin"
                        : "Your token's role cannot read this");
            }
        });
    }

    private Optional<Role> roleOf(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            String value = header.strip();
            return value.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? tokens.resolve(value.substring(7).strip()).map(TokenService.Bearer::role) : Optional.empty();
        }
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        return Optional.ofNullable(cookie).flatMap(c -> cookies.open(c.getValue())).flatMap(logins::resume).map(u -> u.role);
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
        var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"Aftermath\"");
        }
        response.end(body);
    }
}
