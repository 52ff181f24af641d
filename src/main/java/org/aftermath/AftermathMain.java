package org.aftermath;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.aftermath.database.EmbeddedDatabase;

/** With a command (backup, restore, runbooks export) runs it; with none, starts the embedded PostgreSQL (when no external database is configured) before Quarkus builds its datasource. */
@QuarkusMain
public class AftermathMain {

    public static void main(String... args) {
        if (args.length > 0) {
            // backup, restore, runbooks export: run without serving, and say so in the exit code
            System.exit(org.aftermath.cli.Cli.run(java.util.List.of(args), System.out, System.err));
        }
        EmbeddedDatabase.startIfNoDatabaseConfigured();
        Quarkus.run(args);
    }
}
