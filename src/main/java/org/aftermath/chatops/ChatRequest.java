package org.aftermath.chatops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** One verified slash-command invocation: who typed what, where, and where a later answer may go. */
public record ChatRequest(Platform platform, String teamId, String teamName, String channelId, String channelName,
                          String userId, String userName, String text, String responseUrl, String triggerId) {

    static final int SOURCE_MAX = 100;

    /** Reads the fields both platforms send (Slack and Mattermost use the same names). */
    static ChatRequest of(Platform platform, Map<String, String> form) {
        return new ChatRequest(platform, blankToNull(form.get("team_id")), blankToNull(form.get("team_domain")),
                blankToNull(form.get("channel_id")), blankToNull(form.get("channel_name")),
                blankToNull(form.get("user_id")), blankToNull(form.get("user_name")), form.getOrDefault("text", ""),
                blankToNull(form.get("response_url")), blankToNull(form.get("trigger_id")));
    }

    /** The timeline's source, e.g. {@code slack #ops}. */
    public String source() {
        String source = channelName == null ? platform.source() : platform.source() + " #" + channelName;
        return source.length() <= SOURCE_MAX ? source : source.substring(0, SOURCE_MAX);
    }

    public boolean identifiesUser() {
        return teamId != null && userId != null;
    }

    /**
     * What makes a delivery the same as an earlier one. Slack gives every invocation a trigger id (the text is
     * kept in the key too, so a reused id could never swallow a different command); Mattermost does not
     * promise one, so there the same person typing the same text in the same channel counts.
     */
    String deliveryKey() {
        String identity = platform == Platform.SLACK && triggerId != null
                ? String.join("\n", "trigger", String.valueOf(teamId), String.valueOf(userId), triggerId, text.strip())
                : String.join("\n", "text", String.valueOf(teamId), String.valueOf(userId), String.valueOf(channelId), text.strip());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
