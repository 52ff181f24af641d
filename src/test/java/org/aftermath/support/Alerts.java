package org.aftermath.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.aftermath.support.TestUsers.Credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Alert webhooks as a monitoring system calls them: with a token of the alerts role, an admin made. */
public final class Alerts {

    private Alerts() {
    }

    /** A new token of the alerts role, created through the API by an admin. */
    public static String token(Credentials admin) {
        return Api.as(admin).body(Map.of("name", "alertmanager", "role", "alerts")).post("/api/tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
    }

    public static RequestSpecification with(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A payload from src/test/resources/alerts, with {@code @GROUP@} and the like replaced. */
    public static String payload(String name, Map<String, String> replacements) {
        try (var in = Alerts.class.getResourceAsStream("/alerts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                text = text.replace("@" + r.getKey() + "@", r.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
