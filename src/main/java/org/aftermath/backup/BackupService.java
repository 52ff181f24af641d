package org.aftermath.backup;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Backups taken by the running server, on a schedule or from the admin page, into aftermath.backup.dir. The
 * outcome of the last attempt is kept so a failure shows on the dashboard and in /q/health, not only in the log.
 * Named "backups" for templates ({@code inject:backups.lastFailure}).
 */
@ApplicationScoped
@Named("backups")
public class BackupService {

    private static final Logger LOG = Logger.getLogger(BackupService.class);
    static final String PREFIX = "aftermath-";
    static final String SUFFIX = ".backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** One file in the backup folder. */
    public record BackupFile(String name, long bytes, Instant modified) {
    }

    /** The last attempt's outcome; {@code failure} is a one-line reason, null after a success. */
    public record Attempt(Instant at, String file, String failure) {
    }

    private final BackupSettings settings;
    private final Scheduler scheduler;
    private final DatabaseTarget database;
    private final Path runbooksDir;
    private final Optional<String> sessionKey;
    private final ReentrantLock running = new ReentrantLock();
    private volatile Attempt last;
    private volatile Instant lastSuccess;

    BackupService(BackupSettings settings, Scheduler scheduler,
                  @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                  @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                  @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                  @ConfigProperty(name = "aftermath.runbooks.dir") String runbooksDir,
                  @ConfigProperty(name = "aftermath.session-key") Optional<String> sessionKey) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.database = new DatabaseTarget(url, user.orElse(null), password.orElse(null));
        this.runbooksDir = Path.of(runbooksDir).toAbsolutePath().normalize();
        this.sessionKey = sessionKey.filter(k -> !k.isBlank());
    }

    void schedule(@Observes StartupEvent event) {
        String schedule = settings.schedule().strip();
        if (schedule.equalsIgnoreCase("off")) {
            LOG.info("Scheduled backups are off (aftermath.backup.schedule=off)");
            return;
        }
        Scheduler.JobDefinition<?> job = scheduler.newJob("aftermath-backup")
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> scheduled());
        (schedule.contains(" ") ? job.setCron(schedule) : job.setInterval(schedule)).schedule();
        LOG.infof("Backups every %s into %s, keeping %d", schedule, dir(), settings.keep());
    }

    private void scheduled() {
        try {
            backupNow();
        } catch (BackupException e) {
            // already recorded and logged
        }
    }

    /** Takes a backup now unless one is under way; returns its file name. */
    public String backupNow() {
        if (!running.tryLock()) {
            throw new BackupException("a backup is already running");
        }
        Instant now = Instant.now();
        String name = PREFIX + STAMP.format(now) + SUFFIX;
        try {
            BackupArchive.write(database, new PgTools(settings.pgBin()), runbooksDir, sessionKey, dir().resolve(name));
            last = new Attempt(now, name, null);
            lastSuccess = now;
            prune();
            LOG.infof("Backup written: %s", dir().resolve(name));
            return name;
        } catch (BackupException | IllegalStateException e) {
            String reason = e.getMessage();
            last = new Attempt(now, name, reason);
            LOG.errorf("Backup failed: %s", reason);
            throw e instanceof BackupException b ? b : new BackupException(reason, e);
        } finally {
            running.unlock();
        }
    }

    public List<BackupFile> list() {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(BackupService::isBackup).map(p -> {
                try {
                    return new BackupFile(p.getFileName().toString(), Files.size(p), Files.getLastModifiedTime(p).toInstant());
                } catch (IOException e) {
                    return new BackupFile(p.getFileName().toString(), -1, Instant.EPOCH);
                }
            }).sorted(Comparator.comparing(BackupFile::name).reversed()).toList();
        } catch (IOException e) {
            throw new BackupException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** When the newest backup file in the folder was written; survives restarts, unlike {@link #lastSuccess()}. */
    public Optional<Instant> newestBackup() {
        try {
            return list().stream().map(BackupFile::modified).max(Comparator.naturalOrder());
        } catch (BackupException e) {
            return Optional.empty();
        }
    }

    public Optional<Duration> maxAge() {
        return settings.schedule().strip().equalsIgnoreCase("off") ? Optional.empty() : settings.maxAge();
    }

    public Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(last);
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** The last attempt's reason when it failed, else null: what the dashboard shows. */
    public String lastFailure() {
        Attempt attempt = last;
        return attempt == null ? null : attempt.failure();
    }

    public Path dir() {
        return Path.of(settings.dir()).toAbsolutePath().normalize();
    }

    public int keep() {
        return settings.keep();
    }

    /** Keeps the newest {@code keep} files; names sort by time, so the oldest come last. */
    private void prune() {
        List<BackupFile> files = list();
        for (BackupFile old : files.subList(Math.min(files.size(), Math.max(1, settings.keep())), files.size())) {
            try {
                Files.deleteIfExists(dir().resolve(old.name()));
            } catch (IOException e) {
                LOG.warnf("Could not delete the old backup %s: %s", old.name(), e.getMessage());
            }
        }
    }

    private static boolean isBackup(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }
}
