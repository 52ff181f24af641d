package org.aftermath.run;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.aftermath.support.AppProcess;
import org.aftermath.support.EventStream;
import org.aftermath.support.EventStream.Event;
import org.aftermath.support.Runs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged app on one fresh database: a run started through instance A executes exactly
 * once, and its output streams live to an event-stream client connected to instance B; queued runs started
 * through both are each executed exactly once, whichever instance claims them.
 */
class RunbookMultiInstanceIT {

    private static final String ADMIN_PASSWORD = "multi-instance-admin";
    private static final String BASE_URL = System.getenv().getOrDefault("AFTERMATH_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/aftermath_test");
    private static final String DB_USER = System.getenv().getOrDefault("AFTERMATH_TEST_DB_USER", "aftermath");
    private static final String DB_PASSWORD = System.getenv().getOrDefault("AFTERMATH_TEST_DB_PASSWORD", "aftermath");

    @Test
    void aRunStartedOnOneInstanceRunsOnceAndStreamsToTheOther() throws Exception {
        String database = "aftermath_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("create database " + database);
        Path home = AppProcess.tempDir("multi-").toPath();
        try {
            Path runbooks = Files.createDirectories(home.resolve("runbooks"));
            Files.writeString(runbooks.resolve("once.md"), """
                    ---
                    title: Speak once
                    params:
                      log: {type: path, required: true}
                      password: {type: secret}
                    ---
                    ```sh {name=prepare plan=true}
                    echo "prepared"
                    ```
                    ```sh {name=speak confirm=true}
                    printf '%s\\n' "$AFTERMATH_RUN_ID" >> "$PARAM_LOG"
                    for i in 1 2 3 4 5; do echo "line $i"; sleep 0.2; done
                    echo "the password is $PARAM_PASSWORD"
                    ```
                    """);
            Files.writeString(runbooks.resolve("count.md"), """
                    ---
                    title: Count executions
                    params:
                      log: {type: path, required: true}
                    ---
                    ```sh {name=count}
                    printf '%s\\n' "$AFTERMATH_RUN_ID" >> "$PARAM_LOG"
                    echo "counted"
                    ```
                    """);
            try (AppProcess a = start(database, home, "a"); AppProcess b = start(database, home, "b")) {
                long incidentId = as(a).body(Map.of("title", "two instances", "severity", "SEV3"))
                        .post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");

                Path onceLog = home.resolve("once.log");
                String password = "pw-" + UUID.randomUUID();
                // A secret lives only in the memory of the instance that accepted it, so A executes this run.
                long runId = as(a).body(Map.of("runbook", "once", "mode", "execute",
                                "params", Map.of("log", onceLog.toString(), "password", password)))
                        .post("/api/incidents/" + incidentId + "/runs").then().statusCode(202).extract().jsonPath().getLong("id");
                await(b, runId, "AWAITING_CONFIRMATION");

                try (EventStream stream = EventStream.open(b.baseUrl() + "/api/runs/" + runId + "/events",
                        Map.of("Authorization", basic()))) {
                    assertEquals(200, stream.status());
                    stream.await("the state on B", e -> e.name().equals("state"));
                    assertFalse(text(stream).contains("line 1"), "nothing of the step has run yet");
                    as(b).post("/api/runs/" + runId + "/confirm").then().statusCode(202);
                    stream.awaitEnd();
                    String streamed = text(stream);
                    assertTrue(streamed.contains("line 1\nline 2\nline 3\nline 4\nline 5\n"), streamed);
                    assertTrue(streamed.contains("the password is ****"), streamed);
                    assertFalse(streamed.contains(password));
                    assertEquals("end", stream.events().get(stream.events().size() - 1).name());
                }
                JsonPath run = as(b).get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath();
                assertEquals("SUCCEEDED", run.getString("status"));
                assertTrue(run.getString("instance").contains("-" + a.pid() + "-"), "executed by A: " + run.getString("instance"));
                assertEquals(List.of(Long.toString(runId)), Files.readAllLines(onceLog), "executed exactly once");

                Path countLog = home.resolve("count.log");
                List<Long> counted = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    AppProcess via = i % 2 == 0 ? a : b;
                    long incident = as(via).body(Map.of("title", "race " + i, "severity", "SEV4")).post("/api/incidents")
                            .then().statusCode(201).extract().jsonPath().getLong("id");
                    counted.add(as(via).body(Map.of("runbook", "count", "mode", "execute", "params", Map.of("log", countLog.toString())))
                            .post("/api/incidents/" + incident + "/runs").then().statusCode(202).extract().jsonPath().getLong("id"));
                }
                Map<String, Integer> byInstance = new HashMap<>();
                for (long id : counted) {
                    JsonPath done = await(a, id, "SUCCEEDED", "FAILED", "INTERRUPTED");
                    assertEquals("SUCCEEDED", done.getString("status"));
                    byInstance.merge(done.getString("instance"), 1, Integer::sum);
                }
                List<String> lines = Files.readAllLines(countLog);
                assertEquals(counted.stream().map(String::valueOf).sorted().toList(), lines.stream().sorted().toList(),
                        "each queued run executed exactly once; executed by " + byInstance);
            }
        } finally {
            sql("drop database if exists " + database + " with (force)");
        }
    }

    private static AppProcess start(String database, Path home, String name) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", BASE_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
        env.put("QUARKUS_DATASOURCE_USERNAME", DB_USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", DB_PASSWORD);
        env.put("AFTERMATH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("AFTERMATH_RUNBOOKS_DIR", home.resolve("runbooks").toString());
        env.put("AFTERMATH_RUNS_DIR", home.resolve("runs-" + name).toString());
        env.put("AFTERMATH_RUNS_HEARTBEAT", "PT1S");
        return AppProcess.start(env, home.resolve(name + ".log"));
    }

    private static RequestSpecification as(AppProcess app) {
        return given().baseUri(app.baseUrl()).header("Authorization", basic()).contentType("application/json")
                .accept("application/json");
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonPath await(AppProcess app, long runId, String... statuses) {
        List<String> wanted = List.of(statuses);
        return Runs.await("run " + runId + " to become " + wanted, () -> {
            JsonPath run = as(app).get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath();
            return wanted.contains(run.getString("status")) ? run : null;
        });
    }

    private static String text(EventStream stream) {
        StringBuilder text = new StringBuilder();
        for (Event event : stream.named("output")) {
            text.append(JsonPath.from(event.data()).getString("text"));
        }
        return text.toString();
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(BASE_URL, DB_USER, DB_PASSWORD); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
