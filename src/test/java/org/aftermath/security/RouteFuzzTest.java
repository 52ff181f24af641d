package org.aftermath.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.security.AccessMatrixTest.Call;
import org.aftermath.security.AccessMatrixTest.Fixture;
import org.aftermath.security.AccessMatrixTest.Rule;
import org.aftermath.support.Browser;
import org.aftermath.support.RawHttp;
import org.aftermath.support.Routes;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every route, found by scanning the resources like the access matrix, sent what an attacker or a broken
 * client sends: control characters and broken encodings in every input it declares, out-of-range numbers and
 * dates, wrong types, bad ids, huge and deeply nested bodies, wrong content types, too many fields, long
 * addresses. None may answer 5xx or show a stack trace; the API answers its refusals as problem documents.
 * Each route starts from the access matrix's successful call, as an admin, so the probes reach the checks
 * behind the login and the CSRF token.
 */
@QuarkusTest
class RouteFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "@@fuzz@@";
    private static final String ENDLESS = "text/event-stream; endless";
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    private static final String JSON_TYPE = "application/json; charset=UTF-8";

    /** Form values, already percent-encoded as they travel: one of each kind of trouble. */
    private static final List<String> FORM_VALUES = List.of("nul%00inside", "%1B%5B31m", "%C0%80%FF", "-1",
            "99999999999999999999", "1e309", "%2B999999999-12-31T23%3A59", "2023-02-30T25%3A61", "", "x".repeat(100_000),
            "..%2F..%2Fetc%2Fpasswd");
    /** JSON values, as they appear in a body. */
    private static final List<String> JSON_VALUES = List.of("\"nul\\u0000inside\"", "\"\\u001b[31m\"", "\"\\ud800\"", "-1",
            "99999999999999999999999", "1e400", "1.5", "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
            "\"2023-02-30\"", "\" \"", "true", "null", "[]", "{\"a\":[\"\\u0000\"]}", "\"" + "x".repeat(100_000) + "\"");
    /** Path parameters, already percent-encoded. */
    private static final List<String> PATH_VALUES = List.of("-1", "99999999999999999999", "abc", "%00", "%C0%80", "%2e%2e",
            "a%2Fb", "x".repeat(300));
    private static final List<String> QUERY_VALUES = List.of("%00", "%C0%80%FF", "%zz", "-1", "99999999999999999999",
            "%2B999999999-12-31", "abc", "x".repeat(5_000));

    @Inject
    TestUsers users;

    @Inject
    ChatLinkService chatLinks;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL baseUrl;

    /** One malformed request. */
    record Probe(String what, String pathAndQuery, String contentType, byte[] body) {
    }

    private final AtomicInteger clientAddress = new AtomicInteger();

    @Test
    void noMalformedRequestToAnyRouteIsAServerError() throws Exception {
        Fixture fixture = new Fixture(users, chatLinks);
        Browser admin = Browser.loggedInAs(fixture.admin);
        Map<String, Routes.Inputs> routes = Routes.inputs();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, Routes.Inputs> route : routes.entrySet()) {
            Rule rule = AccessMatrixTest.RULES.get(route.getKey());
            assertTrue(rule != null, "AccessMatrixTest has no call for " + route.getKey());
            Call call = AccessMatrixTest.callFor(rule, fixture, route.getKey(), fixture.admin);
            for (Probe probe : probes(route.getKey(), route.getValue(), call)) {
                Outcome outcome = send(route.getKey(), call, probe, admin, fixture);
                sent++;
                String problem = outcome.problem(route.getKey().contains(" /api/"), isUri(probe.pathAndQuery()));
                if (problem != null) {
                    failures.add(route.getKey() + " with " + probe.what() + " (" + shorten(probe.pathAndQuery()) + "): " + problem);
                }
            }
        }
        assertTrue(sent > 2000, "only " + sent + " probes were sent");
        System.out.println("RouteFuzzTest: " + sent + " probes to " + routes.size() + " routes");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + sent + " malformed requests were answered badly:\n"
                    + String.join("\n", failures.subList(0, Math.min(failures.size(), 80))));
        }
    }

    private List<Probe> probes(String route, Routes.Inputs inputs, Call call) throws Exception {
        List<Probe> probes = new ArrayList<>();
        String contentType = call.json() != null ? JSON_TYPE : call.form() != null ? FORM : null;
        byte[] body = call.json() != null ? JSON.writeValueAsBytes(call.json())
                : call.form() != null ? utf8(formBody(call.form(), null, null)) : null;
        pathProbes(route, call.path(), contentType, body, probes);
        queryProbes(inputs, call.path(), contentType, body, probes);
        probes.add(new Probe("an address over 8 KB", call.path() + (call.path().contains("?") ? "&" : "?") + "pad=" + "a".repeat(9_000),
                contentType, body));
        if (call.form() != null) {
            formProbes(inputs, call, probes);
        }
        if (call.json() != null) {
            jsonProbes(inputs, call, probes);
        }
        return probes;
    }

    /** Each path parameter replaced by ids that do not exist or cannot be ids. */
    private static void pathProbes(String route, String path, String contentType, byte[] body, List<Probe> probes) {
        String[] template = route.substring(route.indexOf(' ') + 1).split("/");
        String[] concrete = path.split("\\?", 2)[0].split("/");
        String query = path.contains("?") ? "?" + path.split("\\?", 2)[1] : "";
        for (int i = 0; i < template.length && i < concrete.length; i++) {
            if (!template[i].contains("{")) {
                continue;
            }
            for (String value : PATH_VALUES) {
                String[] changed = concrete.clone();
                changed[i] = template[i].replaceAll("\\{[^}]+}", value);
                probes.add(new Probe("path segment " + template[i] + " = " + shorten(value), String.join("/", changed) + query,
                        contentType, body));
            }
        }
    }

    /** Each declared query parameter given values no form or link would send. */
    private static void queryProbes(Routes.Inputs inputs, String path, String contentType, byte[] body, List<Probe> probes) {
        Map<String, String> query = new LinkedHashMap<>();
        String bare = path.split("\\?", 2)[0];
        if (path.contains("?")) {
            for (String pair : path.split("\\?", 2)[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        Set<String> names = new LinkedHashSet<>(inputs.query());
        names.addAll(query.keySet());
        for (String name : names) {
            for (String value : QUERY_VALUES) {
                Map<String, String> changed = new LinkedHashMap<>(query);
                changed.put(name, value);
                StringBuilder address = new StringBuilder(bare);
                changed.forEach((k, v) -> address.append(address.indexOf("?") < 0 ? '?' : '&').append(k).append('=').append(v));
                probes.add(new Probe("query " + name + " = " + shorten(value), address.toString(), contentType, body));
            }
        }
    }

    private static void formProbes(Routes.Inputs inputs, Call call, List<Probe> probes) {
        Set<String> fields = new LinkedHashSet<>(inputs.form());
        fields.addAll(call.form().keySet());
        fields.remove("_csrf");
        for (String field : fields) {
            for (String value : FORM_VALUES) {
                probes.add(new Probe("form field " + field + " = " + shorten(value), call.path(), FORM,
                        utf8(formBody(call.form(), field, value))));
            }
            probes.add(new Probe("form field " + field + " twice", call.path(), FORM,
                    utf8(formBody(call.form(), null, null) + "&" + enc(field) + "=a&" + enc(field) + "=b")));
        }
        String valid = formBody(call.form(), null, null);
        probes.add(new Probe("1,200 form fields", call.path(), FORM, utf8("x=1&".repeat(1_200) + valid)));
        probes.add(new Probe("a trailing %", call.path(), FORM, utf8(valid + "&extra=%")));
        probes.add(new Probe("raw invalid UTF-8", call.path(), FORM, concat(utf8(valid + "&extra="), new byte[]{(byte) 0xC0, (byte) 0x80, (byte) 0xFF})));
        probes.add(new Probe("an empty form", call.path(), FORM, new byte[0]));
        probes.add(new Probe("JSON instead of a form", call.path(), JSON_TYPE, utf8("{\"text\":\"x\"}")));
        probes.add(new Probe("text/plain instead of a form", call.path(), "text/plain", utf8(valid)));
        probes.add(new Probe("multipart nonsense", call.path(), "multipart/form-data; boundary=x", utf8("--x\r\nnonsense")));
        probes.add(new Probe("no content type", call.path(), null, utf8(valid)));
    }

    private static void jsonProbes(Routes.Inputs inputs, Call call, List<Probe> probes) throws Exception {
        JsonNode base = JSON.valueToTree(call.json());
        List<List<Object>> paths = new ArrayList<>();
        leaves(base, new ArrayList<>(), paths);
        if (base.isObject()) {
            for (String name : inputs.json()) {
                List<Object> top = List.of(name);
                if (!paths.contains(top)) {
                    paths.add(top);
                }
            }
        }
        for (List<Object> path : paths) {
            JsonNode copy = base.deepCopy();
            set(copy, path, new TextNode(MARK));
            String template = JSON.writeValueAsString(copy);
            for (String value : JSON_VALUES) {
                probes.add(new Probe("JSON " + path + " = " + shorten(value), call.path(), JSON_TYPE,
                        utf8(template.replace("\"" + MARK + "\"", value))));
            }
        }
        String valid = JSON.writeValueAsString(base);
        for (String body : List.of("", "{", "}", "[]", "\"x\"", "123", "null", "{\"a\":1,}", "{'a':1}", valid + valid,
                "[".repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000),
                "[" + "\"" + "y".repeat(1_000) + "\",".repeat(900) + "\"z\"]")) {
            probes.add(new Probe("JSON body " + shorten(body), call.path(), JSON_TYPE, utf8(body)));
        }
        String withBadBytes = base.isObject() ? "{\"zz\":\"" : "[\"";
        probes.add(new Probe("raw invalid UTF-8 in JSON", call.path(), JSON_TYPE,
                concat(utf8(withBadBytes), new byte[]{(byte) 0xC0, (byte) 0x80, (byte) 0xFF, '"', base.isObject() ? (byte) '}' : (byte) ']'})));
        probes.add(new Probe("a body of 2 MB", call.path(), JSON_TYPE, utf8("\"" + "q".repeat(2_000_000) + "\"")));
        probes.add(new Probe("text/plain instead of JSON", call.path(), "text/plain", utf8(valid)));
        probes.add(new Probe("a form instead of JSON", call.path(), FORM, utf8("text=x&title=y")));
        probes.add(new Probe("XML instead of JSON", call.path(), "application/xml", utf8("<a>1</a>")));
        probes.add(new Probe("no content type", call.path(), null, utf8(valid)));
    }

    /** JSON pointers, as lists of names and indexes, to every value in a body (containers included). */
    private static void leaves(JsonNode node, List<Object> at, List<List<Object>> into) {
        if (!at.isEmpty()) {
            into.add(List.copyOf(at));
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                at.add(name);
                leaves(node.get(name), at, into);
                at.remove(at.size() - 1);
            });
        } else if (node.isArray() && !node.isEmpty()) {
            at.add(0);
            leaves(node.get(0), at, into);
            at.remove(at.size() - 1);
        }
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /** What came back, judged. */
    record Outcome(int status, String contentType, String body) {
        static Outcome of(RawHttp.Answer answer) {
            return new Outcome(answer.status(), answer.header("Content-Type"), answer.body());
        }

        /** An address that is no URI at all gets Quarkus's bare 400 before any of Aftermath's code runs. */
        String problem(boolean api, boolean validAddress) {
            if (!validAddress && status == 400 && body.isEmpty()) {
                return null;
            }
            if (status >= 500) {
                return status + " " + shorten(body);
            }
            if (body.contains("Exception") || body.contains("\tat ") || body.contains("java.lang")) {
                return status + " with what looks like a stack trace or class name: " + shorten(body);
            }
            if (api && status >= 400 && !String.valueOf(contentType).startsWith("application/problem+json")) {
                return status + " as " + contentType + ", not a problem document";
            }
            return null;
        }
    }

    private Outcome send(String route, Call call, Probe probe, Browser admin, Fixture fixture) throws Exception {
        String verb = route.substring(0, route.indexOf(' '));
        boolean api = route.contains(" /api/");
        Map<String, String> headers = new LinkedHashMap<>();
        String accept = call.accept() == null ? (api ? "application/json" : "text/html")
                : ENDLESS.equals(call.accept()) ? "text/event-stream" : call.accept();
        headers.put("Accept", accept);
        Browser browser = admin;
        if (route.equals("POST /j_security_check")) {
            // Another client each time, so that the probes' failed logins throttle nobody else.
            String address = "198.51.100." + (clientAddress.incrementAndGet() % 250 + 1);
            browser = Browser.anonymous().withHeader("X-Forwarded-For", address);
            headers.put("X-Forwarded-For", address);
        } else if (route.equals("POST /logout")) {
            browser = Browser.loggedInAs(users.fresh(Role.ADMIN));
        }
        byte[] body = probe.body();
        if (api) {
            headers.put("Authorization", "Bearer " + fixture.admin.token());
        } else {
            if (body != null && FORM.equals(probe.contentType())) {
                body = withToken(body, browser.csrfToken());
            }
            headers.put("Cookie", browser.cookieHeader());
        }
        if (probe.contentType() != null) {
            headers.put("Content-Type", probe.contentType());
        }
        return Outcome.of(RawHttp.send(baseUrl, verb, probe.pathAndQuery(), headers, body));
    }

    /** The page's CSRF token goes first, so a probe that breaks the rest of the form still gets past it. */
    private static byte[] withToken(byte[] body, String token) {
        return concat(utf8("_csrf=" + enc(token) + (body.length > 0 ? "&" : "")), body);
    }

    private static boolean isUri(String pathAndQuery) {
        try {
            java.net.URI.create(pathAndQuery);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String formBody(Map<String, String> fields, String replaced, String rawValue) {
        Map<String, String> encoded = new TreeMap<>();
        fields.forEach((k, v) -> encoded.put(k, enc(v)));
        if (replaced != null) {
            encoded.put(replaced, rawValue);
        }
        StringBuilder body = new StringBuilder();
        encoded.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(v));
        return body.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static String shorten(String text) {
        String line = String.valueOf(text).replace("\n", " ");
        return line.length() > 120 ? line.substring(0, 120) + "…(" + line.length() + ")" : line;
    }
}
