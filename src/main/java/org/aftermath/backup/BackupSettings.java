package org.aftermath.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Scheduled backups while the server runs (aftermath.backup.*). */
@ConfigMapping(prefix = "aftermath.backup")
public interface BackupSettings {

    /** An interval (P1D, 6h) or a Quartz-style cron expression (has spaces); "off" takes none. */
    @WithDefault("P1D")
    String schedule();

    /** Where scheduled and admin-started backups go. */
    @WithDefault("${user.home}/.local/share/aftermath/backups")
    String dir();

    /** Scheduled backups kept; older ones are deleted after each successful backup. */
    @WithDefault("14")
    int keep();

    /** Folder holding pg_dump and pg_restore; unset, they are found on the PATH. */
    Optional<String> pgBin();

    /**
     * When set, /q/health/ready is DOWN while the newest backup in {@link #dir()} is older than this (or none was
     * written although the server has run that long): for owners who want a stale backup to page them.
     */
    Optional<Duration> maxAge();
}
