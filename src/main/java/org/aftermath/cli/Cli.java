package org.aftermath.cli;

import org.aftermath.backup.BackupArchive;
import org.aftermath.backup.BackupException;
import org.aftermath.backup.BackupManifest;
import org.aftermath.backup.DatabaseTarget;
import org.aftermath.backup.PgTools;
import org.aftermath.database.EmbeddedDatabase;
import org.aftermath.runbook.RunbookFolderExport;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The jar's commands besides serving: backup, restore and runbooks export. They run without Quarkus (a restore
 * must reach an empty database before Flyway touches it; an export must work with no database at all) and
 * answer with exit code 0 (done), 2 (usage) or 1 (failed, with a one-line reason on stderr).
 */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -jar quarkus-run.jar [COMMAND]
              (no command)            serve Aftermath
              backup FILE             write the database, runbooks and session key to FILE (0600; keep it secret)
              restore FILE [--replace]
                                      restore FILE into an empty database; --replace overwrites a non-empty one
              runbooks export DIR     write every runbook as a standalone script plus its Markdown and a README
            Commands read the server's configuration (environment, .env, application.properties).""";

    private Cli() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() == 1 && List.of("help", "--help", "-h").contains(args.get(0))) {
            out.println(USAGE_TEXT);
            return OK;
        }
        String command = String.join(" ", args.subList(0, Math.min(args.size(), args.get(0).equals("runbooks") ? 2 : 1)));
        List<String> rest = args.subList(Math.min(args.size(), command.split(" ").length), args.size());
        try {
            return switch (command) {
                case "backup" -> rest.size() == 1 ? backup(Path.of(rest.get(0)), out) : usage(err, "backup takes one FILE");
                case "restore" -> restoreArgs(rest, out, err);
                case "runbooks export" -> rest.size() == 1 ? exportRunbooks(Path.of(rest.get(0)), out)
                        : usage(err, "runbooks export takes one DIR");
                default -> usage(err, "unknown command: " + String.join(" ", args));
            };
        } catch (BackupException | IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("aftermath: " + oneLine(e.getMessage()));
            return FAILED;
        }
    }

    private static int restoreArgs(List<String> rest, PrintStream out, PrintStream err) {
        boolean replace = rest.contains("--replace");
        List<String> files = rest.stream().filter(a -> !a.equals("--replace")).toList();
        if (files.size() != 1 || files.get(0).startsWith("--")) {
            return usage(err, "restore takes one FILE and optionally --replace");
        }
        return restore(Path.of(files.get(0)), replace, out);
    }

    private static int backup(Path file, PrintStream out) {
        CliConfig config = CliConfig.load();
        BackupManifest manifest = BackupArchive.write(database(config), tools(config), runbooksDir(config),
                config.get("aftermath.session-key"), file);
        out.printf("Backup written to %s (schema %s, %d runbook files). It holds password hashes and the session key:"
                + " keep it like a password.%n", file.toAbsolutePath(), manifest.schemaVersion(),
                manifest.files().keySet().stream().filter(n -> n.startsWith(BackupManifest.RUNBOOKS)).count());
        return OK;
    }

    private static int restore(Path file, boolean replace, PrintStream out) {
        CliConfig config = CliConfig.load();
        BackupArchive.verify(file); // before any database is started or touched
        DatabaseTarget db = database(config);
        BackupManifest manifest = BackupArchive.restore(file, db, tools(config), runbooksDir(config), replace, out::println);
        out.printf("Restored %s (made %s by Aftermath %s, schema %s) into %s.%n", file, manifest.createdAt(),
                manifest.appVersion(), manifest.schemaVersion(), db.describe());
        return OK;
    }

    private static int exportRunbooks(Path dir, PrintStream out) {
        CliConfig config = CliConfig.load();
        RunbookFolderExport.Result result = RunbookFolderExport.export(runbooksDir(config),
                Duration.parse(config.get("aftermath.runbooks.default-step-timeout", "PT30M")), dir);
        out.printf("Exported %d runbooks to %s%s.%n", result.exported(), dir.toAbsolutePath(),
                result.problems() == 0 ? "" : " (" + result.problems() + " problems, listed in README.md)");
        return OK;
    }

    private static DatabaseTarget database(CliConfig config) {
        return EmbeddedDatabase.forCommand()
                .map(e -> new DatabaseTarget(e.jdbcUrl(), e.user(), e.password()))
                .orElseGet(() -> new DatabaseTarget(
                        config.get("quarkus.datasource.jdbc.url").orElseThrow(() -> new BackupException("no database configured")),
                        config.get("quarkus.datasource.username").orElse(null),
                        config.get("quarkus.datasource.password").orElse(null)));
    }

    private static PgTools tools(CliConfig config) {
        return new PgTools(config.get("aftermath.backup.pg-bin"));
    }

    private static Path runbooksDir(CliConfig config) {
        return Path.of(config.get("aftermath.runbooks.dir", "runbooks")).toAbsolutePath().normalize();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("aftermath: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static String oneLine(String text) {
        return text == null ? "failed" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
