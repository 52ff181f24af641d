package org.aftermath.status.page;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pushes a published folder to aftermath.status.publish.rsync-target over SSH with the runbooks' rules: the given
 * port, key and known_hosts file, BatchMode (never a prompt) and StrictHostKeyChecking=yes. {@code --delay-updates}
 * puts every changed file in a temporary folder on the target and renames them all at the end.
 */
final class Rsync {

    private final StatusSettings.Publish settings;

    Rsync(StatusSettings.Publish settings) {
        this.settings = settings;
    }

    /** Refuses, at start, settings that cannot work or would not verify the host. */
    static void check(StatusSettings.Publish settings) {
        if (settings.rsyncTarget().filter(t -> !t.isBlank()).isEmpty()) {
            return;
        }
        String knownHosts = settings.sshKnownHosts().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "aftermath.status.publish.rsync-target needs aftermath.status.publish.ssh-known-hosts: host keys are always verified"));
        requirePlain("aftermath.status.publish.ssh-known-hosts", knownHosts);
        settings.sshIdentity().filter(i -> !i.isBlank()).ifPresent(i -> requirePlain("aftermath.status.publish.ssh-identity", i));
    }

    private static void requirePlain(String key, String path) {
        if (!path.matches("[A-Za-z0-9._/~+@:-]+")) {
            throw new IllegalStateException(key + " must be a path without spaces or quotes");
        }
    }

    List<String> command(Path folder, String target) {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-p", Integer.toString(settings.sshPort())));
        settings.sshIdentity().filter(i -> !i.isBlank()).ifPresent(i -> ssh.addAll(List.of("-i", i, "-o", "IdentitiesOnly=yes")));
        ssh.addAll(List.of("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + settings.sshKnownHosts().orElseThrow(), "-o", "ConnectTimeout=15"));
        return List.of("rsync", "--recursive", "--times", "--checksum", "--delete-delay", "--delay-updates",
                "--timeout=" + Math.max(1, settings.rsyncTimeout().toSeconds()), "-e", String.join(" ", ssh),
                folder.toString() + "/", target);
    }

    /** Runs rsync; throws with its last line of errors when it fails. */
    void push(Path folder, String target) {
        Path errors = null;
        try {
            errors = Files.createTempFile("aftermath-rsync", ".err");
            Process process = new ProcessBuilder(command(folder, target))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile()).start();
            if (!process.waitFor(settings.rsyncTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rsync to " + target + " took longer than " + settings.rsyncTimeout());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("rsync to " + target + " failed (exit " + process.exitValue() + "): "
                        + lastLine(errors));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run rsync (" + e.getMessage() + "); install rsync and ssh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rsync was interrupted", e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file of rsync's messages
                }
            }
        }
    }

    /** ssh's own complaint (refused, host key) comes first; rsync's summary last: both say what happened. */
    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(String::strip).toList();
        if (lines.isEmpty()) {
            return "no message";
        }
        String first = lines.stream().filter(l -> !l.startsWith("Warning:")).findFirst().orElse(lines.get(0));
        String last = lines.get(lines.size() - 1);
        return first.equals(last) ? last : first + " … " + last;
    }
}
