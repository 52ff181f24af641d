package org.aftermath.run;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aftermath.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile parameter values, for every parameter type: each is either refused by validation or reaches the step
 * byte for byte in its environment variable, and none is ever executed (the marker file never appears).
 */
@QuarkusTest
class RunInjectionTest {

    private static final List<String> NAMES = List.of("text", "choice", "count", "flag", "target", "host", "token");

    @Inject
    TestUsers users;

    private Path marker;
    private Path victim;

    @BeforeEach
    void markers() throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        marker = Path.of("/tmp/aftermath-pwned-" + id);
        victim = Files.createDirectories(Path.of("/tmp/aftermath-victim-" + id));
    }

    @AfterEach
    void cleanUp() throws IOException {
        Files.deleteIfExists(marker);
        Files.deleteIfExists(victim);
    }

    private List<String> payloads() {
        String m = marker.toString();
        return List.of(
                "; touch " + m,
                "$(touch " + m + ")",
                "`touch " + m + "`",
                "x\ntouch " + m,
                "x\rtouch " + m,
                "--delete",
                "../../etc",
                "; rm -rf " + victim,
                "' ; touch " + m + " ; '",
                "\" ; touch " + m + " ; \"",
                "| touch " + m,
                "&& touch " + m,
                "${IFS}touch${IFS}" + m,
                "/tmp/$(touch " + m + ")",
                "/tmp/x; touch " + m,
                "-oProxyCommand=touch " + m,
                "root@mx1$(touch " + m + ")",
                "1; touch " + m,
                "true; touch " + m,
                "plan; touch " + m);
    }

    @Test
    void everyValueIsRefusedOrArrivesVerbatimAndIsNeverExecuted() throws Exception {
        Credentials op = users.as(Role.OPERATOR);
        long incidentId = Api.declare(users.as(Role.RESPONDER), "injection");
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        for (String payload : payloads()) {
            Map<String, Object> all = new LinkedHashMap<>();
            NAMES.forEach(n -> all.put(n, payload));
            Response first = as(op).body(Map.of("runbook", "types", "mode", "execute", "params", all))
                    .post("/api/incidents/" + incidentId + "/runs");
            List<String> refused = first.statusCode() == 422 ? first.jsonPath().getList("errors.field") : List.of();
            Map<String, Object> acceptable = new LinkedHashMap<>();
            for (String name : NAMES) {
                if (!refused.contains("params." + name)) {
                    acceptable.put(name, payload);
                }
            }
            if (first.statusCode() == 202) {
                verify(op, first.jsonPath().getLong("id"), acceptable);
            } else {
                assertEquals(422, first.statusCode(), first.asString());
                if (!acceptable.isEmpty()) {
                    long runId = Runs.start(op, incidentId, "types", "execute", acceptable);
                    verify(op, runId, acceptable);
                }
            }
            acceptable.keySet().forEach(n -> accepted.computeIfAbsent(n, k -> new ArrayList<>()).add(payload));
            assertFalse(Files.exists(marker), "executed: " + payload.replace("\n", "\\n"));
            assertTrue(Files.isDirectory(victim), "executed: " + payload);
        }
        // The free-text types must really have been exercised with the nastiest values, not refused wholesale.
        assertTrue(accepted.get("text").containsAll(List.of("$(touch " + marker + ")", "`touch " + marker + "`",
                "; rm -rf " + victim, "--delete", "../../etc")), accepted.toString());
        assertTrue(accepted.get("token").contains("$(touch " + marker + ")"));
        assertTrue(accepted.get("target").contains("/tmp/$(touch " + marker + ")"));
        assertFalse(accepted.containsKey("count") || accepted.containsKey("flag") || accepted.containsKey("choice")
                || accepted.containsKey("host"), "typed parameters refuse all of these: " + accepted);
    }

    @Test
    void aSecretIsMaskedInOutputParamsAndTimelineAndNeverStored() {
        Credentials op = users.as(Role.OPERATOR);
        long incidentId = Api.declare(users.as(Role.RESPONDER), "secret");
        String secret = "s3cr3t-" + UUID.randomUUID();
        long runId = Runs.start(op, incidentId, "types", "execute", Map.of("token", secret, "text", "visible"));
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals("****", run.getString("params.token"));
        String output = run.getString("steps[0].output");
        assertTrue(output.contains("token is **** and again ****"), output);
        assertTrue(output.contains("text is visible"), output);
        assertEquals(secret, read(runId, "TOKEN.txt"), "the step itself received the secret");
        String timeline = as(op).get("/api/incidents/" + incidentId + "/timeline").asString();
        assertFalse(timeline.contains(secret));
        assertTrue(timeline.contains("token=****"));
        for (String table : List.of("runbook_run", "runbook_run_step", "runbook_run_output", "timeline_event")) {
            Number found = (Number) Run.getEntityManager().createNativeQuery("select count(*) from " + table
                    + " t where t::text like ?1").setParameter(1, "%" + secret + "%").getSingleResult();
            assertEquals(0, found.intValue(), "the secret is stored in " + table);
        }
    }

    private void verify(Credentials op, long runId, Map<String, Object> given) {
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            String expected = entry.getKey().equals("target")
                    ? Path.of(entry.getValue().toString()).normalize().toString() : entry.getValue().toString();
            assertEquals(expected, read(runId, entry.getKey().toUpperCase() + ".txt"), "verbatim: " + entry);
        }
    }

    private static String read(long runId, String file) {
        try {
            return Files.readString(Path.of("target/runs", Long.toString(runId), file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
