package org.aftermath.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session a step's shell leads ({@code setsid}), named so that it can be found again after Aftermath
 * crashed: pid numbers are reused, so a group is only ever recognised on the same machine, in the same boot,
 * among processes that started no earlier than its leader did.
 */
public record ProcessGroup(long id, String host, String bootId, long startTicks) {

    private static final Path PROC = Path.of("/proc");

    /**
     * The group a freshly started step leader heads, when this system exposes {@code /proc}. The session id is
     * the leader's pid, not what {@code /proc} says yet: right after start the child may not have reached
     * {@code setsid()} and would still show Aftermath's own session.
     */
    public static Optional<ProcessGroup> ledBy(long pid, String host) {
        Optional<Stat> stat = Stat.of(pid);
        Optional<String> boot = currentBootId();
        if (stat.isEmpty() || boot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProcessGroup(pid, host, boot.get(), stat.get().startTicks()));
    }

    /** Whether this machine, in this boot, is where the group ran. */
    public boolean isHere(String currentHost) {
        return host.equals(currentHost) && currentBootId().map(bootId::equals).orElse(false);
    }

    /** Processes of this group still alive: members of its session that started after its leader. */
    public List<Long> survivors() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                Stat.of(pid).filter(s -> !s.zombie() && s.session() == id && s.startTicks() >= startTicks).ifPresent(s -> pids.add(pid));
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    /** SIGKILLs every survivor, a few rounds to catch children forked meanwhile; returns how many were found. */
    public int kill() {
        int found = 0;
        for (int round = 0; round < 3; round++) {
            List<Long> alive = survivors();
            if (alive.isEmpty()) {
                break;
            }
            found = Math.max(found, alive.size());
            alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return found;
    }

    private static Optional<String> currentBootId() {
        try {
            return Optional.of(Files.readString(PROC.resolve("sys/kernel/random/boot_id")).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The fields of {@code /proc/<pid>/stat} this needs; the command name may hold spaces and parentheses. */
    private record Stat(boolean zombie, long session, long startTicks) {

        static Optional<Stat> of(long pid) {
            try {
                String line = Files.readString(PROC.resolve(pid + "/stat"));
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                // fields[0] is field 3 of proc(5), the state: session is field 6, starttime field 22.
                return Optional.of(new Stat(fields[0].equals("Z"), Long.parseLong(fields[3]), Long.parseLong(fields[19])));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
