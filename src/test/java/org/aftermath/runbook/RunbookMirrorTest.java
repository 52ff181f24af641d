package org.aftermath.runbook;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** With aftermath.runbooks.mirror-dir set (the test profile does), the running server keeps an export there. */
@QuarkusTest
class RunbookMirrorTest {

    @Test
    void theMirrorHoldsEveryRunbookAsAScript() throws Exception {
        Path mirror = Path.of("target/runbooks-mirror");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(mirror.resolve("hello.sh")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.isExecutable(mirror.resolve("hello.sh")));
        assertTrue(Files.exists(mirror.resolve("hello.md")));
        assertTrue(Files.readString(mirror.resolve("README.md")).startsWith(RunbookFolderExport.MARK));
    }
}
