package org.aftermath.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/**
 * What a backup archive holds, written as {@code manifest.json} at its start: enough to tell, before touching a
 * database, which app and schema made it, when, and whether every file is the one that was written.
 *
 * @param files      archive entry name to its SHA-256 (hex), for every entry but the manifest itself
 * @param sessionKey where the server key lives: "database" (table server_secret, inside the dump) or
 *                   "configured" (AFTERMATH_SESSION_KEY, copied to the session-key entry)
 */
public record BackupManifest(int format, String appVersion, String schemaVersion, Instant createdAt, String database,
                             String sessionKey, Map<String, String> files) {

    public static final int FORMAT = 1;
    public static final String NAME = "manifest.json";
    public static final String DUMP = "database.dump";
    public static final String SESSION_KEY = "session-key";
    public static final String RUNBOOKS = "runbooks/";

    /** The version Maven filtered into aftermath-build.properties; "unknown" when run from an unfiltered tree. */
    public static String currentAppVersion() {
        try (InputStream in = BackupManifest.class.getResourceAsStream("/aftermath-build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
