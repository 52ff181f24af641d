package org.aftermath.runbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The runbooks as a folder that needs no Aftermath: each runbook's standalone script ({@code <slug>.sh}), its
 * Markdown ({@code <slug>.md}) and a {@code README.md} index. Written by {@code runbooks export DIR} (no database,
 * no server) and kept current in {@code aftermath.runbooks.mirror-dir}, so it can be synced off the box.
 */
public final class RunbookFolderExport {

    /** The README's first line; a folder starting with it is ours, so stale exports in it may be removed. */
    static final String MARK = "# Runbooks exported from Aftermath";

    public record Result(int exported, int problems) {
    }

    private RunbookFolderExport() {
    }

    /** Reads the runbooks folder as the server would and exports it. */
    public static Result export(Path runbooksDir, Duration defaultStepTimeout, Path target) {
        RunbookCatalog catalog = new RunbookCatalog(new RunbookCatalog.Settings() {
            @Override
            public String dir() {
                return runbooksDir.toString();
            }

            @Override
            public Duration defaultStepTimeout() {
                return defaultStepTimeout;
            }

            @Override
            public java.util.Optional<String> mirrorDir() {
                return java.util.Optional.empty();
            }

            @Override
            public String mirrorCheck() {
                return "5s";
            }
        });
        return export(catalog, catalog.reload(), target);
    }

    static Result export(RunbookCatalog catalog, RunbookCatalog.Snapshot snapshot, Path target) {
        if (snapshot.folderProblem() != null) {
            throw new IllegalArgumentException(snapshot.folderProblem());
        }
        try {
            Files.createDirectories(target);
            boolean ours = isOurs(target);
            Set<String> written = new HashSet<>();
            for (Runbook runbook : snapshot.all()) {
                String script = ScriptExporter.export(runbook, step -> catalog.timeoutOf(runbook, step));
                write(target.resolve(runbook.slug() + ".sh"), script, "rwxr-xr-x");
                write(target.resolve(runbook.slug() + ".md"), runbook.content(), "rw-r--r--");
                written.add(runbook.slug() + ".sh");
                written.add(runbook.slug() + ".md");
            }
            write(target.resolve("README.md"), index(snapshot), "rw-r--r--");
            if (ours) {
                removeStale(target, written);
            }
            return new Result(snapshot.runbooks().size(), snapshot.problems().size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the runbooks to " + target + ": " + e.getMessage(), e);
        }
    }

    private static String index(RunbookCatalog.Snapshot snapshot) {
        StringBuilder out = new StringBuilder(MARK).append("\n\n");
        out.append("Exported ").append(snapshot.loadedAt()).append(" from ").append(snapshot.dir()).append(".\n");
        out.append("Each script runs on its own with POSIX sh: parameters come from `PARAM_*` environment variables,\n")
                .append("`--plan` (or `AFTERMATH_MODE=plan`) runs only the read-only steps, and `confirm` steps ask first.\n\n");
        out.append("| Runbook | Script | Summary | Parameters |\n|---|---|---|---|\n");
        for (Runbook r : snapshot.all()) {
            out.append("| [").append(cell(r.title())).append("](").append(r.slug()).append(".md) | `").append(r.slug())
                    .append(".sh` | ").append(cell(r.summary() == null ? "" : r.summary())).append(" | ")
                    .append(cell(String.join(", ", r.params().stream().map(ParamSpec::envName).toList()))).append(" |\n");
        }
        if (!snapshot.problems().isEmpty()) {
            out.append("\nNot exported, because Aftermath cannot run them either:\n\n");
            for (Runbook.Problem p : snapshot.problems()) {
                out.append("- ").append(p.file()).append(" line ").append(p.line()).append(": ").append(cell(p.reason())).append('\n');
            }
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replaceAll("[\\r\\n]+", " ").replace("|", "\\|");
    }

    private static boolean isOurs(Path target) throws IOException {
        Path readme = target.resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(readme, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(MARK::equals).orElse(false);
        }
    }

    private static void removeStale(Path target, Set<String> keep) throws IOException {
        List<Path> stale;
        try (Stream<Path> list = Files.list(target)) {
            stale = list.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return (name.endsWith(".sh") || name.endsWith(".md")) && !name.equals("README.md") && !keep.contains(name);
            }).toList();
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
    }

    /** Through a temporary file and a rename, so a sync tool never copies half a script. */
    private static void write(Path file, String content, String mode) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            return;
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
