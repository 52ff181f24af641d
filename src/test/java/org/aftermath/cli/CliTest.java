package org.aftermath.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's commands as an operator types them: exit codes, one-line reasons, and an export with no database. */
class CliTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void wrongUsageExitsWithTwo() {
        assertEquals(Cli.USAGE, run("backup").code());
        assertEquals(Cli.USAGE, run("backup", "a", "b").code());
        assertEquals(Cli.USAGE, run("restore").code());
        assertEquals(Cli.USAGE, run("restore", "--replace").code());
        assertEquals(Cli.USAGE, run("runbooks").code());
        assertEquals(Cli.USAGE, run("runbooks", "import", "x").code());
        Outcome unknown = run("frobnicate");
        assertEquals(Cli.USAGE, unknown.code());
        assertTrue(unknown.err().startsWith("aftermath: unknown command: frobnicate\n"), unknown.err());
        assertEquals(Cli.OK, run("--help").code());
    }

    @Test
    void aFailureExitsWithOneAndOneLineOfReason() {
        Outcome missing = run("restore", dir.resolve("nothing-here.zip").toString());
        assertEquals(Cli.FAILED, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("nothing-here.zip"), missing.err());
    }

    @Test
    void runbooksExportNeedsNoDatabaseAndWritesRunnableScripts() throws Exception {
        String previous = System.setProperty("aftermath.runbooks.dir", "runbooks");
        try {
            Path target = dir.resolve("mirror");
            Outcome export = run("runbooks", "export", target.toString());
            assertEquals(Cli.OK, export.code(), export.err());
            String readme = Files.readString(target.resolve("README.md"));
            for (String slug : List.of("sieve-refilter", "disk-space", "spool-transfer")) {
                Path script = target.resolve(slug + ".sh");
                assertTrue(Files.isExecutable(script), slug);
                assertEquals(Files.readString(Path.of("runbooks", slug + ".md")), Files.readString(target.resolve(slug + ".md")));
                assertTrue(readme.contains("(" + slug + ".md)"), readme);
                Process check = new ProcessBuilder("/bin/sh", "-n", script.toString()).redirectErrorStream(true).start();
                assertTrue(check.waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, check.exitValue(), new String(check.getInputStream().readAllBytes()));
            }
            // A runbook that left the catalog leaves the mirror too; files the export did not write stay.
            Files.writeString(target.resolve("gone.sh"), "old");
            Files.writeString(target.resolve("notes.txt"), "mine");
            assertEquals(Cli.OK, run("runbooks", "export", target.toString()).code());
            assertTrue(Files.notExists(target.resolve("gone.sh")));
            assertTrue(Files.exists(target.resolve("notes.txt")));
        } finally {
            if (previous == null) {
                System.clearProperty("aftermath.runbooks.dir");
            } else {
                System.setProperty("aftermath.runbooks.dir", previous);
            }
        }
    }
}
