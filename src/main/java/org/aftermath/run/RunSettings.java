package org.aftermath.run;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** How runs are executed; documented in application.properties and the README. */
@ConfigMapping(prefix = "aftermath.runs")
public interface RunSettings {

    /** Where each run gets its own working directory ({@code <dir>/<run id>}). */
    String dir();

    /** Runs executing at once, across all instances sharing the database. */
    @WithDefault("4")
    int maxConcurrent();

    /** Output kept per step: the first and the last half of this, with a mark where the middle was dropped. */
    @WithDefault("1M")
    MemorySize outputCap();

    /** How often an instance proves it is alive. */
    @WithDefault("PT5S")
    Duration heartbeat();

    /** After how long without a heartbeat an instance's runs are declared INTERRUPTED by the others. */
    @WithDefault("PT30S")
    Duration staleAfter();

    /** Variables passed from Aftermath's own environment to steps, beyond the minimal set. */
    @WithDefault("SSH_AUTH_SOCK")
    List<String> passEnv();

    /** Working directories older than this are removed (housekeeping/RunDirectoryCleanup). */
    @WithDefault("P30D")
    Duration keep();
}
