package org.aftermath.housekeeping;

import org.aftermath.FileTrees;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes run working directories (aftermath.runs.dir/&lt;run id&gt;) untouched for longer than aftermath.runs.keep,
 * so a year of runs does not fill the disk. A run's output and its steps stay in PostgreSQL; only the scratch
 * files go.
 */
@ApplicationScoped
class RunDirectoryCleanup {

    private static final Logger LOG = Logger.getLogger(RunDirectoryCleanup.class);

    private final Path runsDir;
    private final Duration keep;

    RunDirectoryCleanup(@ConfigProperty(name = "aftermath.runs.dir") String runsDir,
                        @ConfigProperty(name = "aftermath.runs.keep", defaultValue = "P30D") Duration keep) {
        this.runsDir = Path.of(runsDir).toAbsolutePath().normalize();
        this.keep = keep;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int removed = removeOlderThan(Instant.now().minus(keep));
        if (removed > 0) {
            LOG.infof("Removed %d run working directories older than %s from %s", removed, keep, runsDir);
        }
    }

    /** Top-level directories whose last change is before {@code cutoff}; returns how many went. */
    int removeOlderThan(Instant cutoff) {
        if (!Files.isDirectory(runsDir)) {
            return 0;
        }
        List<Path> old;
        try (Stream<Path> list = Files.list(runsDir)) {
            old = list.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).filter(p -> {
                try {
                    return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        } catch (IOException e) {
            LOG.warnf("Could not list %s: %s", runsDir, e.getMessage());
            return 0;
        }
        int removed = 0;
        for (Path dir : old) {
            try {
                FileTrees.delete(dir);
                removed++;
            } catch (IOException e) {
                LOG.warnf("Could not remove the run directory %s: %s", dir, e.getMessage());
            }
        }
        return removed;
    }
}
