package org.aftermath;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.aftermath.database.EmbeddedDatabase;

/** Starts the embedded PostgreSQL (when no external database is configured) before Quarkus builds its datasource. */
@QuarkusMain
public class AftermathMain {

    public static void main(String... args) {
        EmbeddedDatabase.startIfNoDatabaseConfigured();
        Quarkus.run(args);
    }
}
