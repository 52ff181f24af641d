package org.aftermath.housekeeping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Old run directories go, recent ones and plain files stay. */
class RunDirectoryCleanupTest {

    @TempDir
    Path runs;

    @Test
    void removesOnlyDirectoriesOlderThanTheCutoff() throws Exception {
        Path old = Files.createDirectories(runs.resolve("41"));
        Files.writeString(old.resolve("summary"), "done");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        Path recent = Files.createDirectories(runs.resolve("42"));
        Files.writeString(runs.resolve("notes.txt"), "not a run");
        Files.setLastModifiedTime(runs.resolve("notes.txt"), FileTime.from(Instant.now().minus(Duration.ofDays(40))));

        RunDirectoryCleanup cleanup = new RunDirectoryCleanup(runs.toString(), Duration.ofDays(30));
        assertEquals(1, cleanup.removeOlderThan(Instant.now().minus(Duration.ofDays(30))));
        assertTrue(Files.notExists(old));
        assertTrue(Files.isDirectory(recent));
        assertTrue(Files.exists(runs.resolve("notes.txt")));
    }
}
