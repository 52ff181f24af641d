package org.aftermath.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's own client tools. The embedded PostgreSQL's bundle holds only the server (initdb, pg_ctl,
 * postgres), so pg_dump and pg_restore come from {@code aftermath.backup.pg-bin} when set, else the PATH
 * (Debian: postgresql-client-15). They must be at least as new as the server; pg_dump says so itself.
 */
public final class PgTools {

    private final Optional<Path> binDir;

    public PgTools(Optional<String> binDir) {
        this.binDir = binDir.filter(d -> !d.isBlank()).map(Path::of);
    }

    void run(String tool, DatabaseTarget target, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binDir.map(d -> d.resolve(tool).toString()).orElse(tool));
        command.addAll(Arrays.asList(target.connectionArgs()));
        command.addAll(Arrays.asList(args));
        Path errors = null;
        try {
            errors = Files.createTempFile("aftermath-" + tool, ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            builder.environment().putAll(target.environment());
            Process process = builder.start();
            int code = process.waitFor();
            if (code != 0) {
                throw new BackupException(tool + " failed (exit " + code + "): " + lastLine(errors));
            }
        } catch (IOException e) {
            throw new BackupException("cannot run " + command.get(0) + " (" + e.getMessage()
                    + "); install the PostgreSQL client tools or set aftermath.backup.pg-bin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(tool + " was interrupted", e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file; nothing secret is in it
                }
            }
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no message" : lines.get(lines.size() - 1).strip();
    }
}
