package org.aftermath.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** /q/health/ready, open without login, checks the database and the runbooks folder. */
@QuarkusTest
class ReadinessTest {

    @Test
    void readinessCoversTheDatabaseAndTheRunbooksFolder() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("runbooks"))
                .body("checks.find { it.name == 'runbooks' }.status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Database")));
    }
}
