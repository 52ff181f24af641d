package org.aftermath.run.worker;

import org.aftermath.run.RunOutput;
import org.aftermath.run.StepStatus;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Runs one step as a child process in its own session ({@code setsid}), so that cancelling or timing out
 * can kill the whole process group, grandchildren included. The step's text is written to a file and given
 * to the shell as a script: nothing is spliced into a command line, and parameters arrive only through the
 * environment.
 */
final class StepProcess {

    private static final Logger LOG = Logger.getLogger(StepProcess.class);
    private static final long GRACE_MILLIS = 2000;

    /** How a step ended. */
    record Outcome(StepStatus status, Integer exitCode, String why) {
    }

    /** Why the wait for a step may stop early; checked a few times a second. */
    enum Stop { NONE, CANCEL, SHUTDOWN }

    private final Tools tools;

    StepProcess(Tools tools) {
        this.tools = tools;
    }

    /** Absolute paths of the programs used to start and stop steps. */
    record Tools(String setsid, String bash, String sh, String kill) {

        static Tools find() {
            return new Tools(which("setsid"), which("bash"), which("sh"), which("kill"));
        }

        private static String which(String name) {
            for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return dir + "/" + name;
                }
            }
            return name;
        }
    }

    Outcome run(Path runDir, int index, String name, String shell, String script, Map<String, String> environment,
                int timeoutSeconds, OutputSink sink, Supplier<Stop> stop, LongConsumer started)
            throws InterruptedException {
        Process process;
        try {
            Path file = runDir.resolve("step-" + index + "-" + name + ".sh");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            List<String> command = shell.equals("bash")
                    ? List.of(tools.setsid(), tools.bash(), "--noprofile", "--norc", "-e", "-o", "pipefail", file.toString())
                    : List.of(tools.setsid(), tools.sh(), "-e", file.toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            sink.note("[Aftermath could not start this step: " + e.getMessage() + "]\n");
            return new Outcome(StepStatus.FAILED, null, "step " + name + " could not start: " + e.getMessage());
        }
        started.accept(process.pid());
        Thread stdout = reader(process.getInputStream(), RunOutput.STDOUT, sink, name);
        Thread stderr = reader(process.getErrorStream(), RunOutput.STDERR, sink, name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Outcome forced = null;
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            sink.flushIfDue();
            Stop requested = stop.get();
            if (requested == Stop.CANCEL) {
                forced = new Outcome(StepStatus.CANCELLED, null, null);
            } else if (requested == Stop.SHUTDOWN) {
                forced = new Outcome(StepStatus.INTERRUPTED, null, "Aftermath stopped while step " + name + " ran");
            } else if (System.nanoTime() > deadline) {
                forced = new Outcome(StepStatus.TIMED_OUT, null, "step " + name + " timed out after " + timeoutSeconds + " s");
            }
            if (forced != null) {
                terminate(process);
                break;
            }
        }
        process.waitFor();
        // Whatever the step left running in its group (a forgotten "&") must not outlive it or hold the pipes.
        killGroup(process.pid(), "KILL");
        stdout.join(5000);
        stderr.join(5000);
        if (forced != null) {
            sink.note("\n[" + switch (forced.status()) {
                case CANCELLED -> "cancelled: the step's process group was killed";
                case TIMED_OUT -> "timed out after " + timeoutSeconds + " s: the step's process group was killed";
                default -> "interrupted: Aftermath is stopping";
            } + "]\n");
            return forced;
        }
        int exit = process.exitValue();
        return exit == 0 ? new Outcome(StepStatus.SUCCEEDED, 0, null)
                : new Outcome(StepStatus.FAILED, exit, "step " + name + " exited with code " + exit);
    }

    /** SIGTERM to the whole group, then SIGKILL to whatever is left after a short grace period. */
    private void terminate(Process process) throws InterruptedException {
        killGroup(process.pid(), "TERM");
        if (!process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
            killGroup(process.pid(), "KILL");
            process.destroyForcibly();
        }
    }

    /**
     * Signals the process group whose leader is the step's shell. Java starts children outside any group of
     * their own, so {@code setsid} does not fork and the child's pid is its group id.
     */
    private void killGroup(long pid, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder(tools.kill(), "-s", signal, "--", "-" + pid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warnf("Could not signal process group %d: %s", pid, e.getMessage());
        }
    }

    private static Thread reader(InputStream stream, String name, OutputSink sink, String step) {
        Thread thread = new Thread(() -> {
            char[] buffer = new char[8192];
            boolean storing = true;
            try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                for (int read; (read = reader.read(buffer)) >= 0; ) {
                    if (!storing) {
                        continue; // keep draining, or the step would block on a full pipe
                    }
                    try {
                        sink.append(name, new String(buffer, 0, read));
                    } catch (RuntimeException e) {
                        storing = false;
                        LOG.errorf(e, "Could not store the output of step %s; the rest of it is discarded", step);
                    }
                }
            } catch (IOException e) {
                LOG.debugf("Output of step %s ended: %s", step, e.getMessage());
            }
        }, "aftermath-step-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
