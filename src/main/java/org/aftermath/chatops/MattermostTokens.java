package org.aftermath.chatops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Mattermost's slash-command check: the command's token arrives as {@code Authorization: Token <t>} and as
 * the {@code token} field. Both are compared with every configured token in constant time (hashed first,
 * so not even the length leaks), and when both arrive they must agree.
 */
public final class MattermostTokens {

    private final List<byte[]> configured;

    public MattermostTokens(List<String> tokens) {
        this.configured = tokens.stream().map(String::strip).filter(t -> !t.isEmpty()).map(MattermostTokens::digest).toList();
    }

    public boolean isEmpty() {
        return configured.isEmpty();
    }

    public boolean accepts(String authorizationHeader, String tokenField) {
        String fromHeader = null;
        if (authorizationHeader != null) {
            String header = authorizationHeader.strip();
            if (!header.regionMatches(true, 0, "Token ", 0, 6)) {
                return false;
            }
            fromHeader = header.substring(6).strip();
        }
        String field = tokenField == null ? null : tokenField.strip();
        if (fromHeader == null && field == null) {
            return false;
        }
        if (fromHeader != null && field != null && !MessageDigest.isEqual(digest(fromHeader), digest(field))) {
            return false;
        }
        byte[] offered = digest(fromHeader != null ? fromHeader : field);
        boolean match = false;
        for (byte[] token : configured) {
            match |= MessageDigest.isEqual(token, offered);
        }
        return match;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
