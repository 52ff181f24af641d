package org.aftermath.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.Routes;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/openapi describes every /api route, its problem+json errors and how to authenticate. */
@QuarkusTest
class OpenApiTest {

    @Inject
    TestUsers users;

    @Test
    void everyApiRouteIsInTheDocumentWithItsProblems() throws Exception {
        JsonPath doc = Api.as(users.as(Role.VIEWER)).accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> missing = new ArrayList<>();
        int apiRoutes = 0;
        for (String route : Routes.discover()) {
            String verb = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            if (!path.startsWith("/api/")) {
                continue;
            }
            apiRoutes++;
            Map<String, Object> item = paths.get(path);
            if (item == null || !item.containsKey(verb.toLowerCase())) {
                missing.add(route);
            }
        }
        assertTrue(apiRoutes > 30, "found the API routes: " + apiRoutes);
        assertEquals(List.of(), missing, "API routes missing from /q/openapi");
        Map<String, Object> alertAnswers = doc.getMap("paths.'/api/alerts/alertmanager'.post.responses");
        assertTrue(String.valueOf(alertAnswers.get("400")).contains("application/problem+json"), String.valueOf(alertAnswers));
        Map<String, Object> declareAnswers = doc.getMap("paths.'/api/incidents'.post.responses");
        assertTrue(String.valueOf(declareAnswers.get("422")).contains("application/problem+json"), String.valueOf(declareAnswers));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        assertEquals("basic", doc.getString("components.securitySchemes.basic.scheme"));
    }

    @Test
    void theDocumentAndSwaggerUiAreForLoggedInUsers() {
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/swagger-ui/").then().statusCode(401);
        given().header("Authorization", "Bearer " + org.aftermath.support.Alerts.token(users.as(Role.ADMIN)))
                .get("/q/openapi").then().statusCode(403);
        Browser.loggedInAs(users.as(Role.VIEWER)).request().get("/q/swagger-ui/").then().statusCode(200);
        Browser.loggedInAs(users.as(Role.VIEWER)).request().get("/q/openapi").then().statusCode(200);
    }
}
