package org.aftermath.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions as an attacker would probe them: cookies that end when they should, cannot be forged or tampered
 * with, CSRF tokens that belong to one session, and a login brake that cannot be turned against the owner.
 */
@QuarkusTest
class SessionTest {

    @Inject
    TestUsers users;

    @Inject
    EntityManager entityManager;

    /** The same cookie, replayed by someone who copied it. */
    private static Browser replaying(Browser original) {
        return Browser.anonymous().withCookie(SessionCookie.NAME, original.sessionCookie());
    }

    private static void sentToLogin(Browser browser) {
        browser.get("/incidents").then().statusCode(303).header("Location", endsWith("/login"));
    }

    @Test
    void logoutEndsTheSessionAndACopiedCookieWithIt() {
        Browser browser = Browser.loggedInAs(users.fresh(Role.VIEWER));
        browser.get("/incidents").then().statusCode(200);
        Browser copy = replaying(browser);
        copy.get("/incidents").then().statusCode(200);

        browser.post("/logout", Map.of()).then().statusCode(303).header("Location", endsWith("/login"));
        sentToLogin(browser);
        sentToLogin(copy);
    }

    @Test
    void aPasswordResetARoleChangeAndDisablingEndTheUsersSessions() {
        Credentials admin = users.as(Role.ADMIN);
        Credentials person = users.fresh(Role.RESPONDER);
        long id = User.byUsername(person.username()).orElseThrow().id;

        Browser before = Browser.loggedInAs(person);
        as(admin).body(Map.of("password", "a-brand-new-password")).patch("/api/users/" + id).then().statusCode(200);
        sentToLogin(before);

        Browser afterReset = Browser.loggedInAs(new Credentials(person.username(), "a-brand-new-password", null, person.role()));
        afterReset.get("/incidents/new").then().statusCode(200);
        as(admin).body(Map.of("role", "viewer")).patch("/api/users/" + id).then().statusCode(200);
        sentToLogin(afterReset);

        Browser afterRoleChange = Browser.loggedInAs(new Credentials(person.username(), "a-brand-new-password", null, Role.VIEWER));
        afterRoleChange.get("/incidents").then().statusCode(200);
        Browser.loggedInAs(admin).post("/admin/users/" + id + "/enabled", Map.of("enabled", "false")).then().statusCode(303);
        sentToLogin(afterRoleChange);
    }

    @Test
    void changingOwnPasswordKeepsThisBrowserAndEndsTheOthers() {
        Credentials person = users.fresh(Role.VIEWER);
        Browser laptop = Browser.loggedInAs(person);
        Browser phone = Browser.loggedInAs(person);
        laptop.post("/account/password", Map.of("current", person.password(), "password", "another-long-password"))
                .then().statusCode(303);
        laptop.get("/account").then().statusCode(200).body(containsString("logged out everywhere else"));
        sentToLogin(phone);
    }

    @Test
    void aTamperedOrMadeUpCookieIsNoSession() {
        Browser browser = Browser.loggedInAs(users.fresh(Role.ADMIN));
        byte[] sealed = Base64.getUrlDecoder().decode(browser.sessionCookie());
        sealed[sealed.length / 2] ^= 1;
        Browser tampered = Browser.anonymous().withCookie(SessionCookie.NAME,
                Base64.getUrlEncoder().withoutPadding().encodeToString(sealed));
        tampered.get("/admin/users").then().statusCode(303).header("Location", endsWith("/login"));
        Browser madeUp = Browser.anonymous().withCookie(SessionCookie.NAME,
                Base64.getUrlEncoder().encodeToString("s1\nadmin\n0\nabc\n0\n9999999999".getBytes()));
        madeUp.get("/admin/users").then().statusCode(303).header("Location", endsWith("/login"));
        // The login page still works for a browser holding junk.
        madeUp.get("/login").then().statusCode(200);
    }

    @Test
    void theGeneratedKeyIsKeptInTheDatabaseForEveryInstance() {
        byte[] secret = (byte[]) entityManager.createNativeQuery("select secret from server_secret where name = 'session'")
                .getSingleResult();
        assertEquals(32, secret.length);
        Number publicGrants = (Number) entityManager.createNativeQuery("select count(*) from information_schema.role_table_grants"
                + " where table_name = 'server_secret' and grantee = 'PUBLIC'").getSingleResult();
        assertEquals(0, publicGrants.intValue(), "nobody but the app's role reads the key");
    }

    @Test
    void aCsrfTokenBelongsToOneSession() {
        Credentials victim = users.fresh(Role.RESPONDER);
        Browser browser = Browser.loggedInAs(victim);
        String own = browser.csrfToken();
        Map<String, Object> incident = Map.of("title", "forged", "severity", "SEV4");

        // The old attack: the victim's session, plus a CSRF cookie and field of the attacker's choosing.
        String chosen = "attacker-chosen-token-attacker-chosen-token";
        browser.withCookie("aftermath-csrf", chosen);
        browser.request().accept("text/html").formParams(Map.of("title", "forged", "severity", "SEV4", "_csrf", chosen))
                .post("/incidents").then().statusCode(403);
        // The attacker's own valid token, from their own session, does not fit the victim's.
        String attackers = Browser.loggedInAs(users.fresh(Role.RESPONDER)).csrfToken();
        browser.request().accept("text/html").formParams(Map.of("title", "forged", "severity", "SEV4", "_csrf", attackers))
                .post("/incidents").then().statusCode(403);
        // Nor does a token minted for an anonymous visitor.
        String anonymous = Browser.anonymous().csrfToken();
        browser.request().accept("text/html").formParams(Map.of("title", "forged", "severity", "SEV4", "_csrf", anonymous))
                .post("/incidents").then().statusCode(403);
        // The victim's own form works, and its token dies with the session.
        browser.post("/incidents", incident).then().statusCode(303);
        Browser copy = replaying(browser);
        browser.post("/logout", Map.of()).then().statusCode(303);
        copy.request().accept("text/html").formParams(Map.of("title", "late", "severity", "SEV4", "_csrf", own))
                .post("/incidents").then().statusCode(303).header("Location", endsWith("/login"));
    }

    @Test
    void loginFromAnotherSiteIsRefused() {
        Credentials person = users.fresh(Role.VIEWER);
        Browser browser = Browser.anonymous();
        String token = browser.csrfToken();
        Map<String, String> form = Map.of("j_username", person.username(), "j_password", person.password(), "_csrf", token);
        browser.request().header("Origin", "https://evil.example").formParams(form).post("/j_security_check")
                .then().statusCode(403);
        browser.request().header("Sec-Fetch-Site", "cross-site").formParams(form).post("/j_security_check")
                .then().statusCode(403);
        Browser.anonymous().request().formParams(Map.of("j_username", person.username(), "j_password", person.password()))
                .post("/j_security_check").then().statusCode(403);
        assertFalse(browser.request().get("/incidents").statusCode() == 200);
        // From Aftermath's own page (the same origin), it works.
        String origin = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        browser.request().header("Origin", origin).header("Sec-Fetch-Site", "same-origin").formParams(form)
                .post("/j_security_check").then().statusCode(303);
    }

    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheOwnerOutFromAnother() {
        Credentials owner = users.fresh(Role.ADMIN);
        String attacker = "203.0.113.7";
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            int status = from(attacker).logIn(owner.username(), "guess-" + i).statusCode();
            assertTrue(status == 401 || status == 429, "wrong password answered " + status);
            refused += status == 429 ? 1 : 0;
        }
        assertEquals(30 - LoginThrottle.FREE_FAILURES, refused, "after the free failures, attempts are not even checked");
        Response fromAttacker = from(attacker).logIn(owner);
        assertEquals(429, fromAttacker.statusCode(), "the right password from the guessing address waits too");
        assertNotNull(fromAttacker.header("Retry-After"));
        fromAttacker.then().body(containsString("try again in"));
        from("198.51.100.20").logIn(owner).then().statusCode(303);
        // HTTP Basic shares the brake.
        given().header("X-Forwarded-For", attacker).auth().preemptive().basic(owner.username(), owner.password())
                .get("/api/me").then().statusCode(401);
        given().header("X-Forwarded-For", "198.51.100.20").auth().preemptive().basic(owner.username(), owner.password())
                .get("/api/me").then().statusCode(200);
    }

    @Test
    void anAddressGuessingManyNamesIsRefusedForAll() {
        String sprayer = "203.0.113.99";
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
            from(sprayer).logIn("sprayed-" + i, "password-" + i).then().statusCode(401);
        }
        Credentials someone = users.fresh(Role.VIEWER);
        from(sprayer).logIn(someone).then().statusCode(429);
        from("198.51.100.21").logIn(someone).then().statusCode(303);
    }

    @Test
    void theSessionCookieIsSecureBehindATlsProxy() {
        Credentials person = users.fresh(Role.VIEWER);
        Browser behindProxy = from("198.51.100.30").withHeader("X-Forwarded-Proto", "https");
        String setCookie = behindProxy.logIn(person).then().statusCode(303).extract().headers().getValues("Set-Cookie")
                .stream().filter(c -> c.startsWith(SessionCookie.NAME + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("Secure"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        String plain = Browser.anonymous().logIn(person).then().statusCode(303).extract().headers().getValues("Set-Cookie")
                .stream().filter(c -> c.startsWith(SessionCookie.NAME + "=")).findFirst().orElseThrow();
        assertFalse(plain.contains("Secure"), "plain http cannot keep a Secure cookie: " + plain);
    }

    @Test
    void aRememberedBasicPasswordStopsWorkingTheMomentItIsChanged() {
        Credentials admin = users.as(Role.ADMIN);
        Credentials person = users.fresh(Role.RESPONDER);
        long id = User.byUsername(person.username()).orElseThrow().id;
        for (int i = 0; i < 3; i++) {
            given().auth().preemptive().basic(person.username(), person.password()).get("/api/me").then().statusCode(200);
        }
        given().auth().preemptive().basic(person.username(), "not-" + person.password()).get("/api/me").then().statusCode(401);

        as(admin).body(Map.of("role", "viewer")).patch("/api/users/" + id).then().statusCode(200);
        given().auth().preemptive().basic(person.username(), person.password()).get("/api/me").then().statusCode(200)
                .body("role", org.hamcrest.Matchers.equalTo("viewer"));
        as(admin).body(Map.of("password", "the-reset-password")).patch("/api/users/" + id).then().statusCode(200);
        given().auth().preemptive().basic(person.username(), person.password()).get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic(person.username(), "the-reset-password").get("/api/me").then().statusCode(200);
        as(admin).body(Map.of("enabled", false)).patch("/api/users/" + id).then().statusCode(200);
        given().auth().preemptive().basic(person.username(), "the-reset-password").get("/api/me").then().statusCode(401);
    }

    private static Browser from(String address) {
        return Browser.anonymous().withHeader("X-Forwarded-For", address);
    }
}
