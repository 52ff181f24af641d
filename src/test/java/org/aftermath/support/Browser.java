package org.aftermath.support;

import io.restassured.filter.Filter;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.aftermath.support.TestUsers.Credentials;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** A logged-in browser session over plain HTTP: keeps cookies and sends the CSRF token like a form would. */
public final class Browser {

    /** The browser's cookie jar: sent with every request, updated from every response. */
    private final Map<String, String> jar = new LinkedHashMap<>();
    private final Filter cookies = (request, response, context) -> {
        jar.forEach(request::cookie);
        var answer = context.next(request, response);
        for (Cookie cookie : answer.getDetailedCookies()) {
            if (cookie.getMaxAge() == 0 || cookie.getValue() == null || cookie.getValue().isEmpty()) {
                jar.remove(cookie.getName());
            } else {
                jar.put(cookie.getName(), cookie.getValue());
            }
        }
        return answer;
    };
    private final Map<String, String> extraCookies = new HashMap<>();
    private String csrf;

    public static Browser anonymous() {
        return new Browser();
    }

    public static Browser loggedInAs(Credentials who) {
        Browser browser = new Browser();
        browser.get("/login");
        browser.request().formParam("j_username", who.username()).formParam("j_password", who.password())
                .redirects().follow(false).post("/j_security_check").then().statusCode(302);
        return browser;
    }

    public RequestSpecification request() {
        return given().filter(cookies).cookies(extraCookies).redirects().follow(false);
    }

    /** Reports a time zone the way app.js does in a real browser. */
    public Browser inZone(String zone) {
        extraCookies.put("tz", zone);
        return this;
    }

    /** The Cookie header this browser would send, for clients other than RestAssured (event streams). */
    public String cookieHeader() {
        Map<String, String> all = new LinkedHashMap<>(jar);
        all.putAll(extraCookies);
        return all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    public String csrfToken() {
        if (csrf == null) {
            get("/login");
        }
        return csrf;
    }

    public Response get(String path) {
        Response response = request().accept("text/html").get(path);
        String token = response.getCookie("aftermath-csrf");
        if (token != null) {
            csrf = token;
        }
        if (csrf == null) {
            String body = response.asString();
            int at = body.indexOf("name=\"csrf-token\" content=\"");
            if (at >= 0) {
                int start = at + "name=\"csrf-token\" content=\"".length();
                csrf = body.substring(start, body.indexOf('"', start));
            }
        }
        return response;
    }

    /** Posts a form with the page's CSRF token, as the browser would after loading a page. */
    public Response post(String path, Map<String, ?> fields) {
        Map<String, Object> withToken = new HashMap<>(fields);
        withToken.putIfAbsent("_csrf", csrfToken());
        return request().accept("text/html").formParams(withToken).post(path);
    }

    /** Posts a form without any CSRF token, as a cross-site page would. */
    public Response postWithoutToken(String path, Map<String, ?> fields) {
        return request().accept("text/html").formParams(new HashMap<>(fields)).post(path);
    }
}
