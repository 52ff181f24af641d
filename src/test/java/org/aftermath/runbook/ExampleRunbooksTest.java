package org.aftermath.runbook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbooks shipped in runbooks/ parse, and run (through their exported scripts) on an ordinary Linux box. */
class ExampleRunbooksTest {

    private static final Path FOLDER = Path.of("runbooks");

    @TempDir
    Path dir;

    private static Runbook load(String file) throws Exception {
        RunbookParser.Result result = RunbookParser.parse(file, Files.readAllBytes(FOLDER.resolve(file)));
        assertTrue(result.ok(), file + ": " + result.problems());
        return result.runbook();
    }

    @Test
    void everyShippedRunbookParses() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            load(file.getFileName().toString());
        }
    }

    @Test
    void diskSpaceReportsHowFullTheRootFilesystemIs() throws Exception {
        String output = run(load("disk-space.md"), Map.of("PARAM_THRESHOLD", "100"), "", "--plan");
        assertTrue(output.contains("Filesystem"), output);
        assertTrue(output.contains("/ is on a filesystem"), output);
    }

    @Test
    void cleanOldFilesListsThenDeletesOnlyOldMatchingFilesAfterConfirmation() throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Path old = Files.writeString(target.resolve("old.log"), "x");
        Path fresh = Files.writeString(target.resolve("fresh.log"), "x");
        Path otherName = Files.writeString(target.resolve("old.keep"), "x");
        FileTime longAgo = FileTime.from(Instant.now().minus(30, ChronoUnit.DAYS));
        Files.setLastModifiedTime(old, longAgo);
        Files.setLastModifiedTime(otherName, longAgo);
        Runbook runbook = load("clean-old-files.md");
        Map<String, String> env = Map.of("PARAM_DIR", target.toString(), "PARAM_NAME", "*.log", "PARAM_DAYS", "7");

        String plan = run(runbook, env, "", "--plan");
        assertTrue(plan.contains("1 file(s) matching *.log older than 7 days"), plan);
        assertTrue(Files.exists(old), "plan mode deletes nothing");

        String executed = run(runbook, env, "yes\n");
        assertTrue(executed.contains("deleted 1 file(s)"), executed);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh) && Files.exists(otherName));
    }

    private String run(Runbook runbook, Map<String, String> env, String stdin, String... args) throws Exception {
        Path script = dir.resolve(runbook.slug() + ".sh");
        Files.writeString(script, ScriptExporter.export(runbook, step -> 120));
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("/bin/sh", script.toString()), Stream.of(args)).toList())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("AFTERMATH_RUN_DIR", Files.createDirectories(dir.resolve("run-" + System.nanoTime())).toString());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
