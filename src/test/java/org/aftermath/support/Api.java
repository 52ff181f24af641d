package org.aftermath.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.aftermath.support.TestUsers.Credentials;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** RestAssured requests to the JSON API as a given user, plus builders for test data. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(Credentials who) {
        return given().header("Authorization", "Bearer " + who.token()).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** Declares an incident and returns its id. */
    public static long declare(Credentials who, String title) {
        return declare(who, Map.of("title", title, "severity", "SEV2"));
    }

    public static long declare(Credentials who, Map<String, Object> body) {
        return as(who).body(body).post("/api/incidents").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    public static long addNote(Credentials who, long incidentId, String text) {
        return as(who).body(Map.of("text", text)).post("/api/incidents/" + incidentId + "/timeline")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
