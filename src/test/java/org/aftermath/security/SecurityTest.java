package org.aftermath.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SecurityTest {

    @Inject
    TestUsers users;

    @Test
    void aTokenWorksUntilRevokedAndTheRevocationIsImmediate() {
        var operator = users.fresh(Role.OPERATOR);
        var created = as(operator).body(Map.of("name", "nightly script", "role", "responder")).post("/api/tokens");
        created.then().statusCode(201).header("Location", containsString("/api/tokens/"))
                .body("token", startsWith("amt_")).body("role", equalTo("responder")).body("name", equalTo("nightly script"));
        String token = created.jsonPath().getString("token");
        long id = created.jsonPath().getLong("id");

        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200)
                .body("username", equalTo(operator.username())).body("role", equalTo("responder"))
                .body("authenticatedBy", equalTo("token"));
        as(operator).get("/api/tokens").then().body("find { it.id == " + id + " }.token", nullValue())
                .body("find { it.id == " + id + " }.prefix", equalTo(token.substring(0, 10)));

        as(operator).delete("/api/tokens/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenActsWithExactlyItsRoleWhichCannotExceedItsCreators() {
        var operator = users.fresh(Role.OPERATOR);
        as(operator).body(Map.of("name", "too strong", "role", "admin")).post("/api/tokens").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("role"));
        String viewerToken = as(operator).body(Map.of("name", "read only", "role", "viewer")).post("/api/tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
        given().header("Authorization", "Bearer " + viewerToken).contentType(ContentType.JSON)
                .body(Map.of("title", "x", "severity", "SEV3")).post("/api/incidents").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aDisabledUsersTokenAndLoginStopWorking() {
        var responder = users.fresh(Role.RESPONDER);
        as(responder).get("/api/me").then().statusCode(200);
        Browser browser = Browser.loggedInAs(responder);
        browser.get("/incidents").then().statusCode(200);

        long id = User.byUsername(responder.username()).orElseThrow().id;
        as(users.as(Role.ADMIN)).body(Map.of("enabled", false)).patch("/api/users/" + id).then().statusCode(200)
                .body("enabled", equalTo(false));

        as(responder).get("/api/me").then().statusCode(401);
        browser.get("/incidents").then().statusCode(303).header("Location", endsWith("/login"));
        given().auth().preemptive().basic(responder.username(), responder.password()).get("/api/me").then().statusCode(401);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        var viewer = users.fresh(Role.VIEWER);
        String stored = User.byUsername(viewer.username()).orElseThrow().passwordHash;
        assertNotEquals(viewer.password(), stored);
        assertFalse(stored.contains(viewer.password()));
        assertTrue(stored.startsWith("$2"), "bcrypt modular crypt format");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserFailTheSameWay() {
        var viewer = users.fresh(Role.VIEWER);
        var wrongPassword = Browser.anonymous().logIn(viewer.username(), "not-the-password");
        var unknownUser = Browser.anonymous().logIn("nobody-" + System.nanoTime(), "not-the-password");
        wrongPassword.then().statusCode(401).body(containsString("Login failed"))
                .body(not(containsString("password is wrong"))).body(not(containsString("unknown user")))
                .body(containsString("value=\"" + viewer.username() + "\""));
        unknownUser.then().statusCode(401);
        org.junit.jupiter.api.Assertions.assertEquals(
                wrongPassword.asString().replaceAll("value=\"[^\"]*\"", "").replaceAll("content=\"[^\"]*\"", ""),
                unknownUser.asString().replaceAll("value=\"[^\"]*\"", "").replaceAll("content=\"[^\"]*\"", ""));
        String wrongPasswordAnswer = given().auth().preemptive().basic(viewer.username(), "not-the-password")
                .get("/api/me").then().statusCode(401).extract().asString();
        String unknownUserAnswer = given().auth().preemptive().basic("nobody-" + System.nanoTime(), "not-the-password")
                .get("/api/me").then().statusCode(401).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(wrongPasswordAnswer, unknownUserAnswer);
    }

    @Test
    void httpBasicWorksOnTheApiButTheSessionCookieDoesNot() {
        var responder = users.fresh(Role.RESPONDER);
        given().auth().preemptive().basic(responder.username(), responder.password()).get("/api/me").then()
                .statusCode(200).body("authenticatedBy", equalTo("password"));
        Browser browser = Browser.loggedInAs(responder);
        browser.request().accept(ContentType.JSON).get("/api/me").then().statusCode(401);
        browser.request().contentType(ContentType.JSON).body(Map.of("title", "via cookie", "severity", "SEV1"))
                .post("/api/incidents").then().statusCode(401);
    }

    @Test
    void everyStateChangeRecordsWhoDidIt() {
        var responder = users.fresh(Role.RESPONDER);
        long id = org.aftermath.support.Api.declare(responder, "who did it");
        as(responder).body(Map.of("text", "I did")).post("/api/incidents/" + id + "/timeline").then()
                .body("actor", equalTo(responder.username()));
        as(responder).get("/api/incidents/" + id).then().body("createdBy", equalTo(responder.username()))
                .body("updatedBy", equalTo(responder.username()));
    }

    @Test
    void anAdminManagesUsersThroughTheAdminPages() {
        Browser admin = Browser.loggedInAs(users.as(Role.ADMIN));
        String name = "newbie-" + (System.nanoTime() % 100000);
        admin.post("/admin/users", Map.of("username", name, "role", "responder", "password", "short"))
                .then().statusCode(422).body(containsString("id=\"password-error\""));
        admin.post("/admin/users", Map.of("username", name, "role", "responder", "password", "long-enough-password"))
                .then().statusCode(303);
        admin.get("/admin/users").then().statusCode(200).body(containsString(name));

        Browser newbie = Browser.loggedInAs(new TestUsers.Credentials(name, "long-enough-password", null, Role.RESPONDER));
        newbie.get("/incidents/new").then().statusCode(200);
        newbie.get("/admin/users").then().statusCode(403);
    }
}
