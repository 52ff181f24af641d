package org.aftermath.support;

import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.aftermath.chatops.SlackSignature;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/**
 * Slash commands as Slack and Mattermost send them: real form bodies, encoded as they encode them, signed
 * (Slack) or carrying the command token (Mattermost) configured for the tests.
 */
public final class Chat {

    public static final String FORM = "application/x-www-form-urlencoded";

    /** A chat account: each test makes its own, so links and retries never collide between tests. */
    public record Person(String teamId, String userId, String userName) {
        public static Person fresh() {
            String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
            return new Person("T" + id.substring(0, 4), "U" + id, "user-" + id.toLowerCase());
        }
    }

    private Chat() {
    }

    public static String slackSecret() {
        return ConfigProvider.getConfig().getValue("aftermath.chatops.slack.signing-secret", String.class);
    }

    public static String mattermostToken() {
        return ConfigProvider.getConfig().getOptionalValue("aftermath.chatops.mattermost.token", String.class)
                .map(tokens -> tokens.split(",")[0].strip()).orElse("");
    }

    /** The fields of a Slack slash command, in Slack's order. */
    public static Map<String, String> slackFields(Person who, String channel, String text, String responseUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "legacy-verification-token-ignored");
        fields.put("team_id", who.teamId());
        fields.put("team_domain", "team-" + who.teamId().toLowerCase());
        fields.put("channel_id", "C" + channel.toUpperCase());
        fields.put("channel_name", channel);
        fields.put("user_id", who.userId());
        fields.put("user_name", who.userName());
        fields.put("command", "/incident");
        fields.put("text", text);
        fields.put("response_url", responseUrl == null ? "https://hooks.slack.invalid/commands/" + who.teamId() + "/1/x" : responseUrl);
        fields.put("trigger_id", System.nanoTime() + "." + UUID.randomUUID().toString().replace("-", ""));
        return fields;
    }

    /** The fields of a Mattermost slash command, in Mattermost's order. */
    public static Map<String, String> mattermostFields(Person who, String channel, String text, String responseUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("channel_id", "c" + channel);
        fields.put("channel_name", channel);
        fields.put("command", "/incident");
        fields.put("response_url", responseUrl == null ? "https://mattermost.invalid/hooks/commands/x" : responseUrl);
        fields.put("team_domain", "team-" + who.teamId().toLowerCase());
        fields.put("team_id", who.teamId());
        fields.put("text", text);
        fields.put("token", mattermostToken());
        fields.put("user_id", who.userId());
        fields.put("user_name", who.userName());
        return fields;
    }

    /** Encodes like a browser form or Slack does: spaces as '+', everything else percent-escaped. */
    public static byte[] body(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }

    public static String now() {
        return Long.toString(Clock.systemUTC().instant().getEpochSecond());
    }

    public static String sign(String timestamp, byte[] body) {
        return new SlackSignature(slackSecret(), Clock.systemUTC()).sign(timestamp, body);
    }

    /** A raw request with exactly these bytes as body; RestAssured must not re-encode it. */
    public static RequestSpecification raw(byte[] body) {
        // Sent as opaque text: a form-encoded body is already ASCII, and RestAssured would otherwise re-encode it.
        return given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                        .encodeContentTypeAs(FORM, ContentType.TEXT)))
                .contentType(FORM).body(new String(body, StandardCharsets.US_ASCII));
    }

    public static Response slack(byte[] body) {
        String timestamp = now();
        return raw(body).header("X-Slack-Request-Timestamp", timestamp).header("X-Slack-Signature", sign(timestamp, body))
                .post("/chatops/slack");
    }

    public static Response slack(Person who, String text) {
        return slack(body(slackFields(who, "ops", text, null)));
    }

    public static Response mattermost(byte[] body, String token) {
        return raw(body).header("Authorization", "Token " + token).post("/chatops/mattermost");
    }

    public static Response mattermost(Person who, String text) {
        return mattermost(body(mattermostFields(who, "town-square", text, null)), mattermostToken());
    }
}
