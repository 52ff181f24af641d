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

/** A browser over plain HTTP: keeps cookies, logs in through the form and sends the page's CSRF token like a form would. */
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
    private final Map<String, String> headers = new HashMap<>();
    private String csrf;

    public static Browser anonymous() {
        return new Browser();
    }

    public static Browser loggedInAs(Credentials who) {
        Browser browser = new Browser();
        browser.logIn(who).then().statusCode(303);
        return browser;
    }

    /** Fills in and sends the login form, as a person would: the form's CSRF token included. */
    public Response logIn(Credentials who) {
        return logIn(who.username(), who.password());
    }

    public Response logIn(String username, String password) {
        get("/login");
        Response answer = post("/j_security_check", Map.of("j_username", username, "j_password", password));
        // A new session means a new CSRF token: the next form takes it from the next page.
        csrf = null;
        return answer;
    }

    /** The session cookie this browser holds, or null. */
    public String sessionCookie() {
        return jar.get("aftermath-session");
    }

    /** Sends this header with every request (X-Forwarded-For: a client behind the tests' trusted proxy). */
    public Browser withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Puts a cookie in the jar, as a browser keeps one someone else gave it. */
    public Browser withCookie(String name, String value) {
        jar.put(name, value);
        return this;
    }

    public RequestSpecification request() {
        return given().filter(cookies).cookies(extraCookies).headers(headers).redirects().follow(false);
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

    /** The token the last page carried; a page is loaded first if none was yet (the login form when logged out). */
    public String csrfToken() {
        if (csrf == null) {
            get(jar.containsKey("aftermath-session") ? "/account" : "/login");
        }
        return csrf;
    }

    public Response get(String path) {
        Response response = request().accept("text/html").get(path);
        String body = response.asString();
        int at = body.indexOf("name=\"csrf-token\" content=\"");
        if (at >= 0) {
            int start = at + "name=\"csrf-token\" content=\"".length();
            csrf = body.substring(start, body.indexOf('"', start));
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
