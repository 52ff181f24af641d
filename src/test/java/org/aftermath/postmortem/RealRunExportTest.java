package org.aftermath.postmortem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run the engine really executed reaches the postmortem's Runbook runs section, secrets masked. */
@QuarkusTest
class RealRunExportTest {

    @Inject
    TestUsers users;

    @Test
    void aRealRunIsEvidenceInTheExport() {
        var operator = users.as(Role.OPERATOR);
        long incident = Api.declare(operator, "Runs as evidence " + System.nanoTime());
        long run = Runs.start(operator, incident, "hello", "execute", Map.of("name", "postmortem"));
        Runs.awaitStatus(operator, run, "SUCCEEDED");
        long secret = Runs.start(operator, incident, "types", "plan", Map.of("token", "hunter2-very-secret",
                "count", 3, "choice", "plan", "target", "/tmp", "host", "example.org", "flag", true, "text", "x"));
        Runs.awaitStatus(operator, secret, "SUCCEEDED", "FAILED");

        String md = Api.as(users.as(Role.VIEWER)).accept("text/markdown").queryParam("tz", "UTC")
                .get("/api/incidents/" + incident + "/postmortem.md").then().statusCode(200).extract().asString();
        String runs = md.substring(md.indexOf("## Runbook runs"), md.indexOf("\n## ", md.indexOf("## Runbook runs")));
        assertTrue(runs.contains("### Say hello"), runs);
        assertTrue(runs.contains("- Runbook: `hello`, run #" + run), runs);
        assertTrue(runs.contains("- Mode: execute"), runs);
        assertTrue(runs.contains("`name=postmortem`"), runs);
        assertTrue(runs.contains("- Step `check`: SUCCEEDED, exit code 0"), runs);
        assertTrue(runs.contains("- Step `greet`: SUCCEEDED, exit code 0"), runs);
        assertTrue(runs.contains("- Outcome: **SUCCEEDED**: greeted postmortem"), runs);
        assertTrue(!md.contains("hunter2-very-secret"), "a secret never reaches the export");
    }
}
