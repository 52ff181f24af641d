package org.aftermath.status.page;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The public status page (aftermath.status.*): served at /status, published to a folder and over rsync. */
@ConfigMapping(prefix = "aftermath.status")
public interface StatusSettings {

    /** Serve the page at /status without login; off, /status answers 404 (publishing is separate). */
    @WithDefault("false")
    boolean enabled();

    /** The page's heading and title. */
    @WithDefault("Service status")
    String title();

    /** Where visitors read the published page; the Atom feed links there. Unset: aftermath.base-url + /status/. */
    Optional<String> publicUrl();

    /** Sections of a postmortem marked public that the page shows, by key. */
    @WithDefault("summary,impact,resolution,lessonsLearned")
    List<String> postmortemSections();

    Publish publish();

    interface Publish {

        /** Folder the rendered files are written to after every change; unset, nothing is published. */
        Optional<String> dir();

        /** Changes within this long of each other are published once. */
        @WithDefault("PT2S")
        Duration debounce();

        /** Also republished this often, so the 90-day bars move on without a change. */
        @WithDefault("PT1H")
        Duration every();

        /** rsync destination ([user@]host:path) the folder is pushed to after each publish; unset, none. */
        Optional<String> rsyncTarget();

        /** SSH port of the rsync target. */
        @WithDefault("22")
        int sshPort();

        /** Private key to log in with; unset, ssh's own (or the agent's). */
        Optional<String> sshIdentity();

        /** known_hosts file holding the target's host key: required with an rsync target, host keys are always verified. */
        Optional<String> sshKnownHosts();

        /** How long one rsync may take. */
        @WithDefault("PT2M")
        Duration rsyncTimeout();
    }
}
