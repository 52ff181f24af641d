package org.aftermath.support;

import org.aftermath.support.TestUsers.Credentials;

import java.util.Map;

/** Test data for the status page through its API: services, impacts and public updates. */
public final class StatusData {

    private StatusData() {
    }

    /** Creates a service and returns its slug. */
    public static String service(Credentials admin, String name) {
        return Api.as(admin).body(Map.of("name", name)).post("/api/services").then().statusCode(201)
                .extract().jsonPath().getString("slug");
    }

    /** Sets the incident's impacts: slug to impact word. */
    public static void impacts(Credentials responder, long incidentId, Map<String, String> impacts) {
        Api.as(responder).body(impacts.entrySet().stream().map(e -> Map.of("service", e.getKey(), "impact", e.getValue())).toList())
                .put("/api/incidents/" + incidentId + "/impacts").then().statusCode(200);
    }

    public static long update(Credentials responder, long incidentId, String status, String text) {
        return Api.as(responder).body(Map.of("status", status, "text", text)).post("/api/incidents/" + incidentId + "/public-updates")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
