package org.aftermath.chatops;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Slack's request signing (v0): {@code "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body))},
 * compared in constant time, and only within five minutes of the request's own timestamp so a captured
 * request cannot be replayed later.
 */
public final class SlackSignature {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

    private final byte[] secret;
    private final Clock clock;

    public SlackSignature(String secret, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        this.secret = secret.strip().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** True only for a signature over exactly these bytes, made with our secret, within the tolerance. */
    public boolean verify(String timestamp, byte[] body, String signature) {
        if (timestamp == null || signature == null || body == null || !TIMESTAMP.matcher(timestamp.strip()).matches()) {
            return false;
        }
        long seconds = Long.parseLong(timestamp.strip());
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The signature Slack would send for this timestamp and body. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
