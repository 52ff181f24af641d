package org.aftermath.runbook;

import org.aftermath.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported POSIX script, run for real by /bin/sh: same parameter rules, same steps, pauses at confirm. */
class ScriptExportTest {

    private static final String TYPES = """
            ---
            title: Every type
            params:
              text: {type: string, pattern: '[a-z0-9 ._-]+', max: 20}
              free: {type: string}
              choice: {type: enum, values: [plan, apply]}
              count: {type: integer, min: -5, max: 1000}
              flag: {type: boolean}
              target: {type: path}
              host: {type: host}
              token: {type: secret, min: 4}
            ---
            ```sh {name=record plan=true}
            for name in TEXT FREE CHOICE COUNT FLAG TARGET HOST TOKEN; do
                printenv "PARAM_$name" > "$AFTERMATH_RUN_DIR/$name" || true
            done
            ```
            """;

    private static final String FLOW = """
            ---
            title: Flow
            params:
              code: {type: integer, default: 0}
            ---
            ```sh {name=look plan=true}
            echo "looking in $AFTERMATH_MODE mode"
            ```
            ```bash {name=risky continueOnError=true}
            echo "risky fails"; exit 7
            ```
            ```sh {name=change confirm=true}
            echo "changed"; exit "$PARAM_CODE"
            ```
            ```sh {name=last}
            echo "all done" > "$AFTERMATH_RUN_DIR/summary"
            ```
            """;

    @TempDir
    Path dir;

    private record Result(int exit, String output) {
    }

    private static Runbook parse(String text) {
        RunbookParser.Result result = RunbookParser.parse("x.md", text);
        assertTrue(result.ok(), result.problems().toString());
        return result.runbook();
    }

    private Result run(Runbook runbook, Map<String, String> env, String stdin, String... args) throws Exception {
        Path script = dir.resolve(runbook.slug() + ".sh");
        Files.writeString(script, ScriptExporter.export(runbook, step -> 30));
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("AFTERMATH_RUN_DIR", dir.resolve("run").toString());
        builder.environment().putAll(env);
        Files.createDirectories(dir.resolve("run"));
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }

    private String received(String name) throws IOException {
        Path file = dir.resolve("run").resolve(name);
        if (!Files.exists(file)) {
            return null;
        }
        String text = Files.readString(file);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    @Test
    void theScriptAcceptsAndRefusesExactlyWhatAftermathDoesAndPassesValuesVerbatim() throws Exception {
        Runbook runbook = parse(TYPES);
        Path marker = dir.resolve("pwned");
        Map<String, List<String>> cases = Map.of(
                "text", List.of("ok value", "with.dots-1", "UPPER", "$(touch " + marker + ")", "a;b", "x".repeat(21), "tab\tin"),
                "free", List.of("$(touch " + marker + ")", "`touch " + marker + "`", "; rm -rf /tmp/x", "--delete", "../../etc",
                        "'quoted' \"double\" \\back", "line\nbreak", "tab\tok", "ünïcødé"),
                "choice", List.of("plan", "apply", "Plan", "plan;id", "--delete"),
                "count", List.of("0", "42", "007", "-5", "-6", "1001", "1e3", "0x10", "+1", "-0", "12a", "$(id)"),
                "flag", List.of("true", "false", "yes", "TRUE", "1"),
                "target", List.of("/var/mail", "/var//mail/./spool/", "/.", "/", "../../etc", "/var/../etc", "relative", "--delete",
                        "/a/$(touch " + marker + ")"),
                "host", List.of("mx1", "root@mx1.example.org", "10.0.0.1", "fe80::1", "--delete", "-oProxyCommand=x", "mx1;id",
                        "a b", "@mx1", "user@", "a..b"),
                "token", List.of("hunter2", "abc", "$(touch " + marker + ")", "new\nline"));
        for (Map.Entry<String, List<String>> entry : cases.entrySet()) {
            String name = entry.getKey();
            String env = ParamSpec.envName(name);
            for (String value : entry.getValue()) {
                String javaValue;
                try {
                    javaValue = ParamValues.check(runbook, Map.of(name, value)).environment().get(env);
                } catch (InvalidInputException e) {
                    javaValue = null;
                }
                Result result = run(runbook, Map.of(env, value), "");
                String what = name + "=" + value + ": " + result.output();
                if (javaValue == null) {
                    assertEquals(2, result.exit(), "refused by Aftermath, so by the script too: " + what);
                    assertTrue(result.output().contains(env), what);
                } else {
                    assertEquals(0, result.exit(), "accepted by Aftermath, so by the script too: " + what);
                    assertEquals(javaValue, received(name.toUpperCase()), "the step sees what Aftermath would pass: " + what);
                }
                assertFalse(Files.exists(marker), "nothing in a value is ever executed: " + what);
            }
        }
    }

    @Test
    void requiredParametersAndDefaultsAreChecked() throws Exception {
        Runbook runbook = parse("""
                ---
                title: Needs a host
                params:
                  host: {type: host, required: true}
                  retries: {type: integer, default: 3}
                ---
                ```sh {name=show}
                echo "$PARAM_HOST $PARAM_RETRIES"
                ```
                """);
        Result missing = run(runbook, Map.of(), "");
        assertEquals(2, missing.exit());
        assertTrue(missing.output().contains("PARAM_HOST is required"), missing.output());
        Result ok = run(runbook, Map.of("PARAM_HOST", "mx1"), "");
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("mx1 3"), ok.output());
    }

    @Test
    void planModeRunsOnlyPlanSteps() throws Exception {
        Result plan = run(parse(FLOW), Map.of(), "", "--plan");
        assertEquals(0, plan.exit(), plan.output());
        assertTrue(plan.output().contains("looking in plan mode"), plan.output());
        assertFalse(plan.output().contains("risky"), plan.output());
        assertFalse(plan.output().contains("changed"), plan.output());
    }

    @Test
    void executeModePausesAtConfirmStepsAndHonoursContinueOnError() throws Exception {
        Result declined = run(parse(FLOW), Map.of(), "no\n");
        assertEquals(3, declined.exit(), declined.output());
        assertTrue(declined.output().contains("risky fails"), declined.output());
        assertTrue(declined.output().contains("failed with exit code 7; continuing"), declined.output());
        assertTrue(declined.output().contains("Stopped before step change"), declined.output());
        assertFalse(declined.output().contains("changed"), declined.output());

        Result confirmed = run(parse(FLOW), Map.of(), "yes\n");
        assertEquals(0, confirmed.exit(), confirmed.output());
        assertTrue(confirmed.output().contains("changed"), confirmed.output());
        assertTrue(confirmed.output().contains("Summary: all done"), confirmed.output());

        Result failing = run(parse(FLOW), Map.of("PARAM_CODE", "5"), "yes\n");
        assertEquals(5, failing.exit(), failing.output());
        assertTrue(failing.output().contains("step change failed with exit code 5"), failing.output());
        assertFalse(failing.output().contains("All steps done"), failing.output());
    }

    @Test
    void theScriptIsSelfContainedPosixShell() throws Exception {
        String script = ScriptExporter.export(parse(FLOW), step -> 30);
        assertTrue(script.startsWith("#!/bin/sh\n"));
        Process check = new ProcessBuilder("/bin/sh", "-n", "-c", script).redirectErrorStream(true).start();
        assertTrue(check.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), new String(check.getInputStream().readAllBytes()));
        assertTrue(script.contains("sha256 "), "names the runbook version it came from");
    }

    @Test
    void eachStepsCodeAppearsAsWrittenInAQuotedHereDocument() throws Exception {
        String awkward = """
                ---
                title: Quotes
                ---
                ```sh {name=quotes plan=true}
                echo 'single' "double $AFTERMATH_MODE" \\back
                printf '%s\\n' "it's" > "$AFTERMATH_RUN_DIR/out"
                echo AFTERMATH_STEP
                ```
                """;
        Runbook runbook = parse(awkward);
        String script = ScriptExporter.export(runbook, step -> 30);
        assertTrue(script.contains(runbook.steps().get(0).script()), "the code verbatim:\n" + script);
        assertFalse(script.contains("'\\''"), "no quote-escaping of the code:\n" + script);
        Result result = run(runbook, Map.of(), "", "--plan");
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("single double plan back"), result.output());
        assertTrue(result.output().contains("AFTERMATH_STEP"), result.output());
    }

    @SuppressWarnings("unused")
    private static Map<String, String> env(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
