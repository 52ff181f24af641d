package org.aftermath.runbook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbook catalog as the API and the pages show it, including files with problems and new files. */
@QuarkusTest
class RunbookCatalogTest {

    private static final Path FOLDER = Path.of("src/test/resources/runbooks");

    @Inject
    TestUsers users;

    @Test
    void theApiListsRunbooksWithTheirParamsAndStepsAndReportsBrokenFiles() {
        JsonPath catalog = as(users.as(Role.VIEWER)).get("/api/runbooks").then().statusCode(200).extract().jsonPath();
        assertTrue(catalog.getList("runbooks.slug").containsAll(List.of("hello", "gate", "types")));
        assertEquals(List.of("check", "greet"), catalog.getList("runbooks.find { it.slug == 'hello' }.steps.name"));
        assertEquals(Map.of("name", "name", "env", "PARAM_NAME", "type", "string", "required", true, "description", "Who to greet",
                "max", 100), catalog.getMap("runbooks.find { it.slug == 'hello' }.params[0]"));
        assertEquals(List.of(true, false), catalog.getList("runbooks.find { it.slug == 'hello' }.steps.plan"));
        List<Map<String, Object>> errors = catalog.getList("errors");
        assertTrue(errors.contains(Map.of("file", "broken.md", "line", 4, "reason",
                "parameter 'host' needs a type: one of string, enum, integer, boolean, path, host, secret")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.get("line").equals(7) && e.get("reason").toString().contains("Bad_Name")));
        assertTrue(catalog.getList("runbooks.slug").stream().noneMatch(s -> s.equals("broken")), "a broken file is never runnable");
        as(users.as(Role.VIEWER)).get("/api/runbooks/broken").then().statusCode(404);
        as(users.as(Role.VIEWER)).get("/api/runbooks/gate").then().statusCode(200).body("steps.confirm", equalTo(List.of(false, true, true, false)));
    }

    @Test
    void theScriptIsServedAsPlainText() {
        as(users.as(Role.VIEWER)).accept("text/plain").get("/api/runbooks/hello/script").then().statusCode(200)
                .contentType(containsString("text/plain")).body(startsWith("#!/bin/sh\n"))
                .body(containsString("PARAM_NAME is required"));
        Browser.loggedInAs(users.as(Role.VIEWER)).request().get("/runbooks/hello/script").then().statusCode(200)
                .header("Content-Disposition", containsString("hello.sh")).body(containsString("run_step greet bash"));
    }

    @Test
    void aNewFileDroppedInTheFolderCanBeRunWithoutARestart() throws Exception {
        var op = users.as(Role.OPERATOR);
        String slug = "zz-new-" + System.nanoTime();
        Path file = FOLDER.resolve(slug + ".md");
        try {
            Files.writeString(file, """
                    ---
                    title: Dropped in
                    params:
                      word: {type: enum, values: [alpha, beta]}
                    ---
                    ```sh {name=say plan=true}
                    echo "said $PARAM_WORD"
                    ```
                    """);
            Runs.await("the catalog to see " + slug, () -> as(op).get("/api/runbooks").jsonPath()
                    .getList("runbooks.slug").contains(slug) ? true : null);
            long runId = Runs.start(op, Api.declare(op, "new runbook"), slug, "plan", Map.of("word", "beta"));
            assertEquals("said beta\n", Runs.awaitStatus(op, runId, "SUCCEEDED").getString("steps[0].output"));

            Files.writeString(file, "---\ntitle: [broken\n---\n");
            Runs.await("the catalog to see the edit", () -> as(op).get("/api/runbooks").jsonPath()
                    .getList("errors.file").contains(slug + ".md") ? true : null);
            as(op).get("/api/runs/" + runId).then().body("steps[0].output", equalTo("said beta\n"))
                    .body("runbookSha256", not(equalTo("")));
        } finally {
            Files.deleteIfExists(file);
        }
        as(op).post("/api/runbooks/reload").then().statusCode(200).body("errors.file", not(hasItem(slug + ".md")));
    }

    @Test
    void theRunbookPageRendersItsMarkdownAndPicksAnIncidentToRunAgainst() {
        long incident = org.aftermath.support.Api.declare(users.as(Role.RESPONDER), "Pick me " + System.nanoTime());
        Browser operator = Browser.loggedInAs(users.as(Role.OPERATOR));
        operator.get("/runbooks/hello").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<code>PARAM_NAME</code>"))
                .body(org.hamcrest.Matchers.containsString("<option value=\"" + incident + "\">"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>")));
        operator.request().queryParam("incident", incident).get("/runbooks/hello/run").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/incidents/" + incident + "#start-hello"));
        operator.request().accept("text/html").queryParam("incident", "x").get("/runbooks/hello/run").then().statusCode(422);
        Browser.loggedInAs(users.as(Role.VIEWER)).get("/runbooks/hello").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Run against")));
    }

    @Test
    void theCatalogPageShowsRunbooksProblemsAndAReloadButton() {
        Browser browser = Browser.loggedInAs(users.as(Role.VIEWER));
        browser.get("/runbooks").then().statusCode(200)
                .body(containsString("Say hello"))
                .body(containsString("broken.md"))
                .body(containsString("step name &#39;Bad_Name&#39; may contain only"))
                .body(containsString("action=\"/runbooks/reload\""));
        browser.post("/runbooks/reload", Map.of()).then().statusCode(303).header("Location", endsWith("/runbooks"));
        browser.get("/runbooks").then().body(containsString("Runbooks read again"));
        browser.get("/runbooks/hello").then().statusCode(200)
                .body(containsString("<h1>Say hello</h1>"))
                .body(containsString("PARAM_NAME"))
                .body(containsString("checking $PARAM_NAME"));
        browser.get("/runbooks/nope").then().statusCode(404);
    }
}
