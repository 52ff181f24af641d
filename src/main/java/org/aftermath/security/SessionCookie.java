package org.aftermath.security;

import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The browser's session: who, which of their session generations, a random id (what CSRF tokens are bound
 * to), and when it was issued and last seen. Sealed with AES-256-GCM under a key derived from the
 * {@link ServerKey}, so it can be neither read nor made without that key.
 */
@Singleton
public class SessionCookie {

    public static final String NAME = "aftermath-session";
    private static final String FORMAT = "s1";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerKey serverKey;
    private volatile SecretKeySpec key;

    SessionCookie(ServerKey serverKey) {
        this.serverKey = serverKey;
    }

    /** What a session cookie says. Names cannot hold a newline (see {@link User#USERNAME_PATTERN}). */
    public record Session(String username, int generation, String id, Instant issuedAt, Instant seenAt) {

        static Session start(User user, Instant now) {
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            return new Session(user.username, user.sessionGeneration,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(id), now, now);
        }

        Session seen(Instant now) {
            return new Session(username, generation, id, issuedAt, now);
        }
    }

    String seal(Session session) {
        String plain = String.join("\n", FORMAT, session.username(), Integer.toString(session.generation()), session.id(),
                Long.toString(session.issuedAt().getEpochSecond()), Long.toString(session.seenAt().getEpochSecond()));
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The session a cookie value holds; empty for anything not sealed by this server (or malformed). */
    public Optional<Session> open(String value) {
        if (value == null || value.length() > 1024) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(value);
            if (raw.length <= IV_BYTES + 16) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, raw, 0, IV_BYTES));
            String[] parts = new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8)
                    .split("\n", -1);
            if (parts.length != 6 || !FORMAT.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new Session(parts[1], Integer.parseInt(parts[2]), parts[3],
                    Instant.ofEpochSecond(Long.parseLong(parts[4])), Instant.ofEpochSecond(Long.parseLong(parts[5]))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Tampered, truncated, sealed under another key, or not ours at all: no session.
            return Optional.empty();
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec spec = key;
        if (spec == null) {
            spec = new SecretKeySpec(serverKey.derive("session-cookie"), "AES");
            key = spec;
        }
        return spec;
    }
}
