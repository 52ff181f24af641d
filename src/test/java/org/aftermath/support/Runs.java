package org.aftermath.support;

import io.restassured.path.json.JsonPath;
import org.aftermath.support.TestUsers.Credentials;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Starting runbook runs through the API and waiting, within a bound, for them to reach a state. */
public final class Runs {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private Runs() {
    }

    public static long start(Credentials who, long incidentId, String runbook, String mode, Map<String, ?> params) {
        Map<String, Object> body = new HashMap<>();
        body.put("runbook", runbook);
        body.put("mode", mode);
        body.put("params", params);
        return Api.as(who).body(body).post("/api/incidents/" + incidentId + "/runs").then().statusCode(202)
                .extract().jsonPath().getLong("id");
    }

    /** Polls the run until its status is one of {@code statuses}; fails after {@link #PATIENCE}. */
    public static JsonPath awaitStatus(Credentials who, long runId, String... statuses) {
        List<String> wanted = Arrays.asList(statuses);
        return await("run " + runId + " to become " + wanted, () -> {
            JsonPath run = Api.as(who).get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath();
            return wanted.contains(run.getString("status")) ? run : null;
        });
    }

    /** Polls until {@code probe} returns non-null, at most {@link #PATIENCE}; never asserts how long it took. */
    public static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting for " + what + " after " + PATIENCE);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what);
            }
        }
    }
}
