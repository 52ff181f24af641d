package org.aftermath.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A real Maildir for the mail runbooks: list mail (List-Id), monitoring alerts and personal mail, with
 * correct {@code S=} sizes, named after the host that "delivered" them, owned by a non-root uid. It lives
 * under a world-traversable folder in /tmp because the mail owner must be able to reach it (a CI clone may
 * sit in a private temp directory).
 */
public final class MailFixture {

    public static final int MAIL_UID = 5001;
    public static final int MAIL_GID = 5001;

    private final Path root;
    private int sequence;

    private MailFixture(Path root) {
        this.root = root;
    }

    public static MailFixture create() {
        try {
            Path root = Files.createTempDirectory(Path.of("/tmp"), "aftermath-mail-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new MailFixture(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** An empty Maildir (cur, new, tmp) at {@code root/name}. */
    public Path maildir(String name) {
        Path maildir = root.resolve(name);
        try {
            for (String sub : new String[] {"cur", "new", "tmp"}) {
                Files.createDirectories(maildir.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return maildir;
    }

    /** Delivers a message into {@code folder} ("" for INBOX, else a Maildir++ folder name) as host {@code host}. */
    public Path deliver(Path maildir, String folder, String host, String from, String subject, String extraHeaders) {
        int n = ++sequence;
        String message = "From: " + from + "\nTo: anarcat@example.org\nSubject: " + subject + "\n" + extraHeaders
                + "Message-ID: <fixture-" + n + "@" + host + ".example.org>\nDate: Wed, 08 Feb 2023 09:00:00 +0000\n\n"
                + "Message " + n + " for the test.\n";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        Path dir = folder.isEmpty() ? maildir.resolve("new") : maildir.resolve("." + folder).resolve("cur");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve((1675846800L + n) + ".M" + n + "P" + (1000 + n) + "." + host + ",S=" + bytes.length
                    + (folder.isEmpty() ? "" : ":2,S"));
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path listMail(Path maildir, String host, String list) {
        return deliver(maildir, "", host, "dev@lists.example.org", "[" + list + "] release", "List-Id: <" + list + ".lists.example.org>\n");
    }

    public Path alert(Path maildir, String host) {
        return deliver(maildir, "", host, "nagios@monitor.example.org", "PROBLEM: disk full", "");
    }

    public Path personal(Path maildir, String host) {
        return deliver(maildir, "", host, "friend@example.org", "lunch?", "");
    }

    public Path sieveScript(String name, String text) {
        try {
            Path script = root.resolve(name);
            Files.writeString(script, text, StandardCharsets.UTF_8);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands everything to the mail user, as a real Maildir would be. */
    public void ownByMailUser() {
        Processes.run("chown", "-R", MAIL_UID + ":" + MAIL_GID, root.toString());
    }

    /** Messages per folder ("INBOX", "lists", …), counted in cur/ and new/. */
    public static Map<String, Integer> countPerFolder(Path maildir) {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(maildir, 3)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> f.getParent().getFileName().toString().matches("cur|new"))
                    .forEach(f -> {
                        Path folderDir = f.getParent().getParent();
                        String folder = folderDir.equals(maildir) ? "INBOX" : folderDir.getFileName().toString().substring(1);
                        counts.merge(folder, 1, Integer::sum);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    public void delete() {
        Processes.run("rm", "-rf", root.toString());
    }
}
