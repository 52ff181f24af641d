package org.aftermath.runbook;

import org.aftermath.NotFoundException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.runbook.Runbook.Problem;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The runbooks in the configured folder. Files are read again whenever they change (checked at most once a
 * second, when someone looks) or on request, so dropping a new {@code .md} in needs no restart. A broken
 * file is listed with its problems and is never runnable; it never stops the app.
 */
@ApplicationScoped
public class RunbookCatalog {

    private static final Logger LOG = Logger.getLogger(RunbookCatalog.class);
    private static final long FILE_MAX = 1024 * 1024;
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    @ConfigMapping(prefix = "aftermath.runbooks")
    public interface Settings {
        /** The runbooks folder; relative paths are resolved against the working directory. */
        @WithDefault("runbooks")
        String dir();

        /** How long a step may run when neither the step nor its runbook says. */
        @WithDefault("PT30M")
        java.time.Duration defaultStepTimeout();

        /** Kept an up-to-date export of the catalog when set (RunbookMirror). */
        Optional<String> mirrorDir();

        /** How often the mirror asks the catalog whether the folder changed. */
        @WithDefault("5s")
        String mirrorCheck();
    }

    /** What the folder held when it was last read. */
    public record Snapshot(Path dir, String folderProblem, Map<String, Runbook> runbooks, List<Problem> problems,
                           Instant loadedAt) {

        public Collection<Runbook> all() {
            return runbooks.values();
        }
    }

    private final Path dir;
    private final int defaultStepTimeout;
    private volatile Snapshot snapshot;
    private volatile String fingerprint;
    private volatile long lastCheck;

    RunbookCatalog(Settings settings) {
        this.dir = Path.of(settings.dir()).toAbsolutePath().normalize();
        this.defaultStepTimeout = (int) Math.max(1, settings.defaultStepTimeout().toSeconds());
    }

    /** Seconds a step may run: its own timeout, else its runbook's, else the configured default. */
    public int timeoutOf(Runbook runbook, Runbook.Step step) {
        return step.timeoutSeconds() != null ? step.timeoutSeconds()
                : runbook.timeoutSeconds() != null ? runbook.timeoutSeconds() : defaultStepTimeout;
    }

    public Snapshot current() {
        long now = System.nanoTime();
        if (snapshot == null || now - lastCheck > CHECK_EVERY_NANOS) {
            refresh(false);
        }
        return snapshot;
    }

    /** Reads the folder again even if nothing seems to have changed (the catalog page's reload button). */
    public Snapshot reload() {
        refresh(true);
        return snapshot;
    }

    public Optional<Runbook> find(String slug) {
        return Optional.ofNullable(current().runbooks().get(slug));
    }

    /** The runbook named {@code slug}, or 404. */
    public Runbook require(String slug) {
        return find(slug).orElseThrow(() -> new NotFoundException("Runbook", slug));
    }

    /**
     * A runbook as shipped inside Aftermath, whatever the configured folder holds: records of runs made with
     * it (the example outage's) stay readable when an owner keeps other runbooks.
     */
    public Optional<Runbook> shipped(String slug) {
        if (!RunbookParser.SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        try (InputStream in = RunbookCatalog.class.getResourceAsStream("/shipped-runbooks/" + slug + ".md")) {
            return in == null ? Optional.empty()
                    : Optional.ofNullable(RunbookParser.parse(slug + ".md", in.readAllBytes()).runbook());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Problems of one file, for saying why a runbook named in a request cannot run. */
    public List<Problem> problemsOf(String slug) {
        return current().problems().stream().filter(p -> p.file().equals(slug + ".md")).toList();
    }

    private synchronized void refresh(boolean force) {
        lastCheck = System.nanoTime();
        List<Path> files;
        try {
            files = files();
        } catch (IOException e) {
            String problem = Files.isDirectory(dir) ? "The runbooks folder " + dir + " cannot be read"
                    : "There is no runbooks folder at " + dir + "; create it or set aftermath.runbooks.dir (AFTERMATH_RUNBOOKS_DIR)";
            if (snapshot == null || !problem.equals(snapshot.folderProblem())) {
                LOG.warn(problem);
            }
            snapshot = new Snapshot(dir, problem, Map.of(), List.of(), Instant.now());
            fingerprint = null;
            return;
        }
        String print = fingerprint(files);
        if (!force && snapshot != null && print.equals(fingerprint)) {
            return;
        }
        Map<String, Runbook> runbooks = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                if (Files.size(file) > FILE_MAX) {
                    problems.add(new Problem(name, 1, "the file is larger than 1 MiB"));
                    continue;
                }
                RunbookParser.Result result = RunbookParser.parse(name, Files.readAllBytes(file));
                if (result.ok()) {
                    runbooks.put(result.runbook().slug(), result.runbook());
                } else {
                    problems.addAll(result.problems());
                }
            } catch (IOException e) {
                problems.add(new Problem(name, 1, "the file cannot be read"));
            }
        }
        snapshot = new Snapshot(dir, null, java.util.Collections.unmodifiableMap(runbooks), List.copyOf(problems), Instant.now());
        fingerprint = print;
        LOG.infof("Runbooks in %s: %d ready, %d problem(s)", dir, runbooks.size(), problems.size());
        problems.forEach(p -> LOG.warnf("Runbook %s line %d: %s", p.file(), p.line(), p.reason()));
    }

    /** Top-level {@code *.md} files, except the folder's README and hidden or editor files. */
    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".md") && !name.startsWith(".") && !name.equalsIgnoreCase("README.md");
                    })
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    private static String fingerprint(List<Path> files) {
        StringBuilder print = new StringBuilder();
        for (Path file : files) {
            try {
                print.append(file.getFileName()).append('|').append(Files.size(file)).append('|')
                        .append(Files.getLastModifiedTime(file).toInstant()).append('\n');
            } catch (IOException e) {
                print.append(file.getFileName()).append("|?\n");
            }
        }
        return print.toString();
    }
}
