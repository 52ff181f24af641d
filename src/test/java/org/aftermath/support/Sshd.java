package org.aftermath.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1 and a free port, with generated host and client keys, for tests of
 * runbooks that copy over SSH. It logs in the user running the tests with the client key only.
 */
public final class Sshd implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private Sshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static Sshd start(Path dir) {
        try {
            return start(dir, AppProcess.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On a port chosen beforehand (an app configured before the server starts needs to know it). */
    public static Sshd start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(Path.of("/run/sshd"));
            Processes.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
            Processes.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("client_key").toString());
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + dir.resolve("host_key"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "") );
            String hostKey = Files.readString(dir.resolve("host_key.pub")).strip().split(" ")[1];
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " ssh-ed25519 " + hostKey + "\n");
            Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            Sshd sshd = new Sshd(dir, port, process);
            sshd.awaitListening();
            return sshd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited: " + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException("sshd did not listen on " + port + ": " + log());
    }

    public int port() {
        return port;
    }

    /** The login for the runbooks' host parameters: the user running the tests at 127.0.0.1. */
    public String host() {
        return System.getProperty("user.name") + "@127.0.0.1";
    }

    public Path identity() {
        return dir.resolve("client_key");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
