package org.aftermath.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server's secret, from which the session cookie and CSRF keys are derived. Configured
 * ({@code AFTERMATH_SESSION_KEY}) or, when not, generated on the first start and kept in PostgreSQL, so a
 * restart or a second instance on the same database accepts the sessions the first one issued. Never logged.
 */
@Singleton
public class ServerKey {

    static final String NAME = "session";

    private final Optional<String> configured;
    private final EntityManager entityManager;
    private volatile byte[] master;

    ServerKey(@ConfigProperty(name = "aftermath.session-key") Optional<String> configured,
              @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> legacy,
              EntityManager entityManager) {
        // Installs from before the generated key set Quarkus's own property; honour it so their sessions survive.
        this.configured = configured.or(() -> legacy).filter(key -> !key.isBlank());
        this.entityManager = entityManager;
    }

    /** Loaded at start (after {@link StartupChecks} refused bad configuration), so a broken database stops the start. */
    void onStart(@Observes @Priority(StartupChecks.PRIORITY + 1) StartupEvent event) {
        master();
    }

    /** A key for one purpose: HMAC-SHA256 of the purpose under the server secret, so no two uses share a key. */
    byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master(), "HmacSHA256"));
            return mac.doFinal(("aftermath:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** An HMAC-SHA256 of {@code text} under the key for {@code purpose}, base64url: a tag only this server can make. */
    String tag(String purpose, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive(purpose), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    Optional<String> configured() {
        return configured;
    }

    private byte[] master() {
        byte[] key = master;
        if (key == null) {
            synchronized (this) {
                if (master == null) {
                    master = configured.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(this::storedOrNew);
                }
                key = master;
            }
        }
        return key;
    }

    /** Several instances may start at once: the first insert wins and every instance reads the winner. */
    private byte[] storedOrNew() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("insert into server_secret (name, secret) values (?1, ?2) on conflict (name) do nothing")
                    .setParameter(1, NAME).setParameter(2, fresh).executeUpdate();
            return (byte[]) entityManager.createNativeQuery("select secret from server_secret where name = ?1")
                    .setParameter(1, NAME).getSingleResult();
        });
    }
}
