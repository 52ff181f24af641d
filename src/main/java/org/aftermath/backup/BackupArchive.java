package org.aftermath.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * One backup file: a zip of the manifest, a {@code pg_dump} custom-format dump (one consistent snapshot, taken
 * while the app keeps writing), the runbooks folder and, when configured rather than stored, the session key.
 * The dump holds the password hashes, API token hashes and the stored session key, so the file is written
 * owner-only (0600) and must be kept like a password.
 */
public final class BackupArchive {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private BackupArchive() {
    }

    public static BackupManifest write(DatabaseTarget db, PgTools tools, Path runbooksDir, Optional<String> configuredKey,
                                       Path file) {
        Path target = file.toAbsolutePath().normalize();
        Path scratch = null;
        try {
            Files.createDirectories(target.getParent());
            scratch = Files.createTempDirectory(target.getParent(), ".aftermath-backup-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path dump = scratch.resolve(BackupManifest.DUMP);
            String schema = db.schemaVersion();
            tools.run("pg_dump", db, "--format=custom", "--no-owner", "--no-acl", "--file", dump.toString(), "--dbname", db.database());

            Map<String, Path> entries = new LinkedHashMap<>();
            entries.put(BackupManifest.DUMP, dump);
            for (Path runbook : runbookFiles(runbooksDir)) {
                entries.put(BackupManifest.RUNBOOKS + runbooksDir.relativize(runbook).toString().replace('\\', '/'), runbook);
            }
            Path key = null;
            if (configuredKey.isPresent()) {
                key = scratch.resolve(BackupManifest.SESSION_KEY);
                Files.writeString(key, configuredKey.get(), StandardCharsets.UTF_8);
                entries.put(BackupManifest.SESSION_KEY, key);
            }
            Map<String, String> sums = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : entries.entrySet()) {
                sums.put(e.getKey(), sha256(e.getValue()));
            }
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.currentAppVersion(), schema,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), db.database(),
                    key != null ? "configured" : "database", sums);

            Path partial = scratch.resolve("archive.zip");
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                zip.putNextEntry(new ZipEntry(BackupManifest.NAME));
                zip.write(JSON.writeValueAsBytes(manifest));
                zip.closeEntry();
                for (Map.Entry<String, Path> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    Files.copy(e.getValue(), zip);
                    zip.closeEntry();
                }
            }
            // A reader of the backup folder sees either the previous file or the whole new one.
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (IOException e) {
            throw new BackupException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** Reads and checks the manifest and every checksum without touching any database. */
    public static BackupManifest verify(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return verified(zip, file);
        } catch (IOException e) {
            throw new BackupException("cannot read " + file + " as a backup: " + e.getMessage(), e);
        }
    }

    /**
     * Restores into {@code db}, which must hold no tables unless {@code replace}; then the runbooks: missing
     * files are written, differing ones overwritten only with {@code replace}. Notes for the operator go to
     * {@code notes}.
     */
    public static BackupManifest restore(Path file, DatabaseTarget db, PgTools tools, Path runbooksDir, boolean replace,
                                         Consumer<String> notes) {
        Path scratch = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            BackupManifest manifest = verified(zip, file);
            int tables = db.tableCount();
            if (tables > 0 && !replace) {
                throw new BackupException(db.describe() + " is not empty (" + tables
                        + " tables); restore into an empty database, or pass --replace to overwrite it");
            }
            scratch = Files.createTempDirectory("aftermath-restore-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path dump = scratch.resolve(BackupManifest.DUMP);
            try (InputStream in = zip.getInputStream(zip.getEntry(BackupManifest.DUMP))) {
                Files.copy(in, dump);
            }
            if (tables > 0) {
                emptyPublicSchema(db);
            }
            tools.run("pg_restore", db, "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction",
                    "--dbname", db.database(), dump.toString());
            restoreRunbooks(zip, manifest, runbooksDir, replace, notes);
            if ("configured".equals(manifest.sessionKey())) {
                notes.accept("The old server's session key was configured (AFTERMATH_SESSION_KEY); it is in the archive's "
                        + BackupManifest.SESSION_KEY + " entry: configure the same value to keep sessions valid");
            }
            return manifest;
        } catch (IOException e) {
            throw new BackupException("cannot restore " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static BackupManifest verified(ZipFile zip, Path file) throws IOException {
        ZipEntry manifestEntry = zip.getEntry(BackupManifest.NAME);
        if (manifestEntry == null) {
            throw new BackupException(file + " is not an Aftermath backup: it has no " + BackupManifest.NAME);
        }
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(manifestEntry)) {
            manifest = JSON.readValue(in, BackupManifest.class);
        }
        if (manifest.format() != BackupManifest.FORMAT) {
            throw new BackupException(file + " has backup format " + manifest.format() + "; this Aftermath reads format "
                    + BackupManifest.FORMAT);
        }
        List<String> names = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (!name.equals(BackupManifest.NAME)) {
                names.add(name);
            }
        }
        if (!names.containsAll(manifest.files().keySet()) || !manifest.files().keySet().containsAll(names)
                || !manifest.files().containsKey(BackupManifest.DUMP)) {
            throw new BackupException(file + " does not hold exactly the files its manifest lists");
        }
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            try (InputStream in = zip.getInputStream(zip.getEntry(e.getKey()))) {
                if (!sha256(in).equals(e.getValue())) {
                    throw new BackupException(file + ": " + e.getKey() + " does not match its checksum; the file is damaged");
                }
            }
        }
        return manifest;
    }

    /** Drops everything in the public schema, within one transaction, before a --replace restore. */
    private static void emptyPublicSchema(DatabaseTarget db) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("drop schema public cascade");
            s.execute("create schema public");
            c.commit();
        } catch (SQLException e) {
            throw new BackupException("cannot empty " + db.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void restoreRunbooks(ZipFile zip, BackupManifest manifest, Path runbooksDir, boolean replace,
                                        Consumer<String> notes) throws IOException {
        Path root = runbooksDir.toAbsolutePath().normalize();
        int written = 0;
        List<String> kept = new ArrayList<>();
        for (String name : manifest.files().keySet()) {
            if (!name.startsWith(BackupManifest.RUNBOOKS)) {
                continue;
            }
            Path target = root.resolve(name.substring(BackupManifest.RUNBOOKS.length())).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new BackupException("the archive names a runbook outside the runbooks folder: " + name);
            }
            byte[] content;
            try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                content = in.readAllBytes();
            }
            if (Files.exists(target)) {
                if (Arrays.equals(Files.readAllBytes(target), content)) {
                    continue;
                }
                if (!replace) {
                    kept.add(root.relativize(target).toString());
                    continue;
                }
            }
            Files.createDirectories(target.getParent());
            Files.write(target, content);
            written++;
        }
        notes.accept("Runbooks: " + written + " written to " + root + (kept.isEmpty() ? ""
                : "; kept " + kept.size() + " that differ from the backup (" + String.join(", ", kept) + "), --replace overwrites them"));
    }

    /** Regular, non-hidden files under the folder; none when it does not exist. */
    private static List<Path> runbookFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> notHidden(dir.relativize(p)))
                    .sorted()
                    .toList();
        }
    }

    /** Editor swap files and the like (.name anywhere in the path) are not runbooks. */
    private static boolean notHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream din = new DigestInputStream(in, digest); OutputStream sink = OutputStream.nullOutputStream()) {
                din.transferTo(sink);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch space; the next backup uses a new one
        }
    }
}
