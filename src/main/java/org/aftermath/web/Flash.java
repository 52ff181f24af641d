package org.aftermath.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Post/Redirect/Get with a one-time message: the message rides in a short-lived cookie to the next page. */
public final class Flash {

    static final String COOKIE = "aftermath-flash";

    private Flash() {
    }

    /** 303 to {@code location}, showing {@code message} once on the page that follows. */
    public static Response redirect(String location, String message) {
        Response.ResponseBuilder response = Response.seeOther(URI.create(location));
        if (message != null) {
            response.header("Set-Cookie", Cookie.cookie(COOKIE, URLEncoder.encode(message, StandardCharsets.UTF_8))
                    .setPath("/").setMaxAge(60).setHttpOnly(true).setSameSite(CookieSameSite.LAX).encode());
        }
        return response.build();
    }

    static String read(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null ? null : URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
    }
}
