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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    @Test
    void diskSpaceFailsWhenTheFilesystemIsFullerThanTheThreshold() throws Exception {
        Outcome outcome = execute(load("disk-space.md"), Map.of("PARAM_THRESHOLD", "1"), "", "--plan");
        assertEquals(1, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().matches("(?s).*/ is on a filesystem \\d+% full \\(threshold 1%\\).*"), outcome.output());
    }

    @Test
    void cleanOldFilesRefusesAFileGivenAsTheDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("important.db"), "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(30, ChronoUnit.DAYS)));
        Outcome outcome = execute(load("clean-old-files.md"), Map.of("PARAM_DIR", file.toString(), "PARAM_NAME", "*",
                "PARAM_DAYS", "7"), "yes\n");
        assertEquals(1, outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().contains(file + " is not a directory"), outcome.output());
        assertTrue(Files.exists(file), "find, given a file, would have deleted it");
    }

    /** find keeps going past a file it cannot delete and says so only in its exit status: the step must fail. */
    @Test
    void cleanOldFilesFailsNamingWhatItCouldNotDelete() throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Path stuck = Files.writeString(target.resolve("stuck.log"), "x");
        Path gone = Files.writeString(target.resolve("gone.log"), "x");
        FileTime longAgo = FileTime.from(Instant.now().minus(30, ChronoUnit.DAYS));
        Files.setLastModifiedTime(stuck, longAgo);
        Files.setLastModifiedTime(gone, longAgo);
        // As root (CI), only the immutable attribute stops a delete; elsewhere a read-only folder does.
        boolean root = "root".equals(System.getProperty("user.name"));
        Process lock = new ProcessBuilder(root ? List.of("chattr", "+i", stuck.toString()) : List.of("chmod", "555", target.toString()))
                .inheritIO().start();
        assumeTrue(lock.waitFor() == 0, "this filesystem cannot make a file undeletable");
        try {
            Outcome outcome = execute(load("clean-old-files.md"), Map.of("PARAM_DIR", target.toString(), "PARAM_NAME", "*.log",
                    "PARAM_DAYS", "7"), "yes\n");
            assertEquals(1, outcome.exitCode(), outcome.output());
            assertTrue(outcome.output().contains("cannot delete") && outcome.output().contains("stuck.log"), outcome.output());
            assertTrue(outcome.output().contains("1 old file(s) still in " + target), outcome.output());
            assertTrue(Files.exists(stuck));
        } finally {
            new ProcessBuilder(root ? List.of("chattr", "-i", stuck.toString()) : List.of("chmod", "755", target.toString()))
                    .inheritIO().start().waitFor();
        }
    }

    private record Outcome(int exitCode, String output) {
    }

    private String run(Runbook runbook, Map<String, String> env, String stdin, String... args) throws Exception {
        Outcome outcome = execute(runbook, env, stdin, args);
        assertEquals(0, outcome.exitCode(), outcome.output());
        return outcome.output();
    }

    private Outcome execute(Runbook runbook, Map<String, String> env, String stdin, String... args) throws Exception {
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
        return new Outcome(process.exitValue(), output);
    }
}
