package org.aftermath.status.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes the status page's files so a reader of the folder never sees half a publish: each publish goes to a new
 * hidden folder beside the target, and the target, a symbolic link, is swapped to it with one rename. Earlier
 * versions are removed a minute later (another instance may be publishing to the same folder). A real folder
 * found at the target (from before the first publish) is replaced.
 */
final class StatusFolder {

    /** How long an unlinked version is left alone: another instance may still be writing it. */
    static final Duration KEEP_UNLINKED = Duration.ofMinutes(1);

    private StatusFolder() {
    }

    /** Publishes {@code files} at {@code target}; returns the folder now holding them. */
    static Path publish(Path target, Map<String, byte[]> files) {
        try {
            Path parent = target.toAbsolutePath().normalize().getParent();
            Files.createDirectories(parent);
            String base = target.getFileName().toString();
            String nonce = UUID.randomUUID().toString().substring(0, 8);
            Path version = parent.resolve("." + base + ".v-" + System.currentTimeMillis() + "-" + nonce);
            Files.createDirectory(version);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(version.resolve(file.getKey()), file.getValue());
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(target)) {
                Path aside = parent.resolve("." + base + ".old-" + nonce);
                Files.move(target, aside);
                deleteTree(aside);
            }
            Path link = parent.resolve("." + base + ".link-" + nonce);
            Files.createSymbolicLink(link, version.getFileName());
            Files.move(link, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOldVersions(parent, base, target.toAbsolutePath().normalize());
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes versions the link no longer points to. Another instance publishing to the same folder may be writing
     * a version right now, so only those older than {@link #KEEP_UNLINKED} go.
     */
    private static void removeOldVersions(Path parent, String base, Path target) throws IOException {
        Path linked = parent.resolve(Files.readSymbolicLink(target)).normalize();
        Instant cutoff = Instant.now().minus(KEEP_UNLINKED);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "." + base + ".v-*")) {
            for (Path entry : entries) {
                if (!entry.normalize().equals(linked) && Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
