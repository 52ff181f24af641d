package org.aftermath.runbook;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps aftermath.runbooks.mirror-dir (unset: off) an up-to-date {@code runbooks export}, so a folder synced to a
 * laptop holds every runbook as a script when this server is the thing that is down. The catalog notices changed
 * files when asked; this asks every few seconds and writes only when the catalog read something new.
 */
@ApplicationScoped
class RunbookMirror {

    private static final Logger LOG = Logger.getLogger(RunbookMirror.class);

    private final RunbookCatalog catalog;
    private final Optional<Path> target;
    private volatile RunbookCatalog.Snapshot exported;

    RunbookMirror(RunbookCatalog catalog, @ConfigProperty(name = "aftermath.runbooks.mirror-dir") Optional<String> mirrorDir) {
        this.catalog = catalog;
        this.target = mirrorDir.filter(d -> !d.isBlank()).map(d -> Path.of(d).toAbsolutePath().normalize());
    }

    @Scheduled(every = "${aftermath.runbooks.mirror-check:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sync() {
        if (target.isEmpty()) {
            return;
        }
        RunbookCatalog.Snapshot snapshot = catalog.current();
        if (snapshot == exported || snapshot.folderProblem() != null) {
            return;
        }
        try {
            RunbookFolderExport.Result result = RunbookFolderExport.export(catalog, snapshot, target.get());
            exported = snapshot;
            LOG.infof("Runbooks mirrored to %s: %d exported", target.get(), result.exported());
        } catch (RuntimeException e) {
            LOG.warnf("Could not mirror the runbooks to %s: %s", target.get(), e.getMessage());
        }
    }
}
