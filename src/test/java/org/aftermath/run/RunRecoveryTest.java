package org.aftermath.run;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aftermath.run.worker.RunWorker;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aftermath.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run left RUNNING by an instance that died (kill -9, power loss) becomes INTERRUPTED with the output it had
 * captured; a run held by an instance whose heartbeat is fresh is never touched.
 */
@QuarkusTest
class RunRecoveryTest {

    @Inject
    TestUsers users;

    @Inject
    RunWorker worker;

    @Test
    void aDeadInstancesRunIsInterruptedAndALivePeersIsLeftAlone() {
        Credentials viewer = users.as(Role.VIEWER);
        long incidentId = Api.declare(users.as(Role.RESPONDER), "crash");
        String dead = "dead-" + UUID.randomUUID();
        String alive = "alive-" + UUID.randomUUID();
        String vanished = "vanished-" + UUID.randomUUID();
        long deadRun = QuarkusTransaction.requiringNew().call(() -> {
            sql("insert into run_instance (id, host, started_at, heartbeat_at) values (?1, 'gone', now() - interval '2 hours', now() - interval '1 hour')", dead);
            sql("insert into run_instance (id, host) values (?1, 'peer')", alive);
            long id = insertRun(incidentId, "hello", "RUNNING", dead);
            sql("insert into runbook_run_step (run_id, step_index, name, shell, script, confirm, continue_on_error, timeout_seconds, status, exit_code, started_at, finished_at) "
                    + "values (?1, 0, 'check', 'sh', 'true', false, false, 60, 'SUCCEEDED', 0, now() - interval '1 hour', now() - interval '1 hour')", id);
            sql("insert into runbook_run_step (run_id, step_index, name, shell, script, confirm, continue_on_error, timeout_seconds, status, started_at) "
                    + "values (?1, 1, 'greet', 'sh', 'true', false, false, 60, 'RUNNING', now() - interval '1 hour')", id);
            sql("insert into runbook_run_step (run_id, step_index, name, shell, script, confirm, continue_on_error, timeout_seconds, status) "
                    + "values (?1, 2, 'after', 'sh', 'true', false, false, 60, 'PENDING')", id);
            sql("insert into runbook_run_output (run_id, seq, step_index, stream, text) values (?1, 1, 0, 'stdout', 'checked\n')", id);
            sql("insert into runbook_run_output (run_id, seq, step_index, stream, text) values (?1, 2, 1, 'stdout', 'half way\n')", id);
            return id;
        });
        long peerRun = QuarkusTransaction.requiringNew().call(() -> insertRun(incidentId, "linger", "RUNNING", alive));
        long orphan = QuarkusTransaction.requiringNew().call(() -> insertRun(incidentId, "gate", "AWAITING_CONFIRMATION", vanished));
        try {
            worker.recoverStaleRuns();

            JsonPath run = as(viewer).get("/api/runs/" + deadRun).then().statusCode(200).extract().jsonPath();
            assertEquals("INTERRUPTED", run.getString("status"));
            assertEquals(List.of("SUCCEEDED", "INTERRUPTED", "SKIPPED"), run.getList("steps.status"));
            assertEquals("checked\n", run.getString("steps[0].output"));
            assertEquals("half way\n", run.getString("steps[1].output"), "output captured before the crash is kept");
            assertTrue(run.getString("outcome").contains(dead), run.getString("outcome"));
            assertEquals("INTERRUPTED", as(viewer).get("/api/runs/" + orphan).jsonPath().getString("status"),
                    "a run held by an instance with no heartbeat row at all is interrupted too");
            assertEquals("RUNNING", as(viewer).get("/api/runs/" + peerRun).jsonPath().getString("status"),
                    "a live peer's run is never touched");

            List<Map<String, Object>> finished = as(viewer).get("/api/incidents/" + incidentId + "/timeline").jsonPath()
                    .getList("findAll { it.kind == 'RUNBOOK_RUN' && it.details.event == 'run-finished' }.details");
            assertEquals(2, finished.size());
            assertTrue(finished.stream().allMatch(d -> "INTERRUPTED".equals(d.get("status"))));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                sql("update runbook_run set status = 'CANCELLED', finished_at = now() where id = ?1", peerRun);
                sql("delete from run_instance where id in (?1, ?2)", dead, alive);
            });
        }
    }

    @Inject
    RunInstance instance;

    @Test
    void processesADeadInstanceLeftOnThisMachineAreKilledAndOthersAreOnlyNamed() throws Exception {
        Credentials viewer = users.as(Role.VIEWER);
        long incidentId = Api.declare(users.as(Role.RESPONDER), "crashed mid-rsync");
        // What a step leaves when Aftermath dies: its shell leads a session and has a child of its own.
        Process leftover = new ProcessBuilder("setsid", "sh", "-c", "sleep 600 & sleep 600").start();
        Process elsewhere = new ProcessBuilder("setsid", "sleep", "600").start();
        Process reused = new ProcessBuilder("setsid", "sleep", "600").start();
        String dead = "dead-" + UUID.randomUUID();
        try {
            ProcessGroup here = awaitGroup(leftover, 2);
            ProcessGroup other = new ProcessGroup(elsewhere.pid(), "another-box", here.bootId(), here.startTicks());
            ProcessGroup reusedPid = ProcessGroup.ledBy(reused.pid(), instance.host()).orElseThrow();
            // Same pid, but the recorded leader started after this process did: the pid was reused.
            ProcessGroup stale = new ProcessGroup(reusedPid.id(), reusedPid.host(), reusedPid.bootId(),
                    reusedPid.startTicks() + 1_000_000);
            long killedRun = crashedRunWith(incidentId, "spool-transfer", dead, here);
            long otherRun = crashedRunWith(incidentId, "sieve-refilter", dead, other);
            long staleRun = crashedRunWith(incidentId, "site-redeploy", dead, stale);

            worker.recoverStaleRuns();

            assertTrue(leftover.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the step's shell was killed");
            assertTrue(here.survivors().isEmpty(), "its background child was killed too: " + here.survivors());
            String outcome = as(viewer).get("/api/runs/" + killedRun).jsonPath().getString("outcome");
            assertTrue(outcome.matches(".*killed [2-9] leftover processes of step sync \\(process group " + here.id() + "\\).*"),
                    outcome);

            assertTrue(elsewhere.isAlive(), "a group recorded on another host is not touched here");
            String named = as(viewer).get("/api/runs/" + otherRun).jsonPath().getString("outcome");
            assertTrue(named.contains("may still run on host another-box"), named);

            assertTrue(reused.isAlive(), "a process that merely reuses the recorded pid is not killed");
            String quiet = as(viewer).get("/api/runs/" + staleRun).jsonPath().getString("outcome");
            assertFalse(quiet.contains("killed"), quiet);
            assertEquals(List.of(0L), QuarkusTransaction.requiringNew().call(() -> Run.getEntityManager().createNativeQuery(
                    "select count(*) from runbook_run_step where run_id in (?1, ?2, ?3) and process_group is not null")
                    .setParameter(1, killedRun).setParameter(2, otherRun).setParameter(3, staleRun).getResultList()
                    .stream().map(n -> ((Number) n).longValue()).toList()), "recovered steps no longer claim processes");
        } finally {
            for (Process process : List.of(leftover, elsewhere, reused)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    @Inject
    RunLedger ledger;

    @Test
    void aRunThatMovedOnSinceTheWorkerLookedIsNotDeclaredLost() {
        Credentials viewer = users.as(Role.VIEWER);
        long incidentId = Api.declare(users.as(Role.RESPONDER), "gate reached between two looks");
        // The worker saw both RUNNING; one reached its confirmation gate before the worker acted on it.
        long atGate = QuarkusTransaction.requiringNew().call(() -> insertRun(incidentId, "gate", "AWAITING_CONFIRMATION", instance.id()));
        long lost = QuarkusTransaction.requiringNew().call(() -> insertRun(incidentId, "linger", "RUNNING", instance.id()));
        try {
            assertFalse(ledger.interruptLost(atGate, "lost"));
            ledger.interruptLost(lost, "lost"); // the worker's own tick may get there first: either way it ends
            assertEquals("AWAITING_CONFIRMATION", as(viewer).get("/api/runs/" + atGate).jsonPath().getString("status"));
            assertEquals("INTERRUPTED", as(viewer).get("/api/runs/" + lost).jsonPath().getString("status"));
        } finally {
            QuarkusTransaction.requiringNew().run(() ->
                    sql("update runbook_run set status = 'CANCELLED', finished_at = now() where id = ?1", atGate));
        }
    }

    /** The group once its leader (in its own session after setsid) and its children are all there. */
    private ProcessGroup awaitGroup(Process leader, int members) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            ProcessGroup group = ProcessGroup.ledBy(leader.pid(), instance.host()).orElseThrow();
            if (group.id() == leader.pid() && group.survivors().size() >= members) {
                return group;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the leftover processes did not start");
    }

    private static long crashedRunWith(long incidentId, String runbook, String deadInstance, ProcessGroup group) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long id = insertRun(incidentId, runbook, "RUNNING", deadInstance);
            sql("insert into runbook_run_step (run_id, step_index, name, shell, script, confirm, continue_on_error, timeout_seconds, status, started_at, "
                    + "process_group, process_host, process_boot_id, process_start_ticks) "
                    + "values (?1, 0, 'sync', 'sh', 'true', false, false, 60, 'RUNNING', now() - interval '1 hour', ?2, ?3, ?4, ?5)",
                    id, group.id(), group.host(), group.bootId(), group.startTicks());
            return id;
        });
    }

    private static long insertRun(long incidentId, String runbook, String status, String instance) {
        return ((Number) Run.getEntityManager().createNativeQuery("""
                        insert into runbook_run (incident_id, runbook, runbook_title, runbook_file, runbook_sha256, runbook_content,
                            mode, status, params, started_by, source, created_at, started_at, instance_id)
                        values (?1, ?2, 'Crashed', ?2 || '.md', repeat('0', 64), '---', 'EXECUTE', ?3, '{}'::jsonb, 'tester', 'test',
                            now() - interval '1 hour', now() - interval '1 hour', ?4)
                        returning id""")
                .setParameter(1, incidentId).setParameter(2, runbook).setParameter(3, status).setParameter(4, instance)
                .getSingleResult()).longValue();
    }

    private static void sql(String sql, Object... parameters) {
        var query = Run.getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }
}
