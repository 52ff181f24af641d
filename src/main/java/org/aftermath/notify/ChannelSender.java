package org.aftermath.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one message to one channel, in that channel's shape: ntfy's JSON publish, the generic webhook's signed
 * JSON, a chat incoming webhook's {@code text}, or a plain-text email through the channel's own SMTP server
 * ({@link SmtpSender}). Blocks until answered; any failure is a {@link DeliveryException} whose text names the host
 * and the answer, never a URL path, token or password.
 */
@ApplicationScoped
class ChannelSender {

    static final String SIGNATURE_HEADER = "X-Aftermath-Signature";

    private final ObjectMapper json;
    private final NotifySettings settings;
    private final String baseUrl;
    private final HttpClient client;
    private final SmtpSender smtp;

    ChannelSender(ObjectMapper json, NotifySettings settings, SmtpSender smtp,
                  @ConfigProperty(name = "aftermath.base-url") String baseUrl) {
        this.json = json;
        this.settings = settings;
        this.smtp = smtp;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        // HTTP/1.1 and no redirects, as for chat: a redirect could carry a token to another host.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void send(Channel channel, Message message) throws DeliveryException {
        switch (channel.type) {
            case NTFY -> ntfy(channel, message);
            case WEBHOOK -> webhook(channel, message);
            case SLACK, MATTERMOST -> post(channel, Map.of("text", oneLine(message)), Map.of());
            case EMAIL -> smtp.send(channel, emailSubject(message), emailBody(channel, message));
        }
    }

    /** Where the message points people: the incident's page, or Aftermath itself for a test. */
    String link(Message message) {
        return message.incidentId() == null ? baseUrl + "/" : baseUrl + "/incidents/" + message.incidentId();
    }

    String subject(Message message) {
        String prefix = message.severity() == null ? "" : "[" + message.severity() + "] ";
        return prefix + (message.incidentId() == null ? "" : "#" + message.incidentId() + " ") + message.title();
    }

    /** The usual subject and what happened, so a mailbox's list of subjects reads as the incident's story. */
    String emailSubject(Message message) {
        return message.event() == NotifyEvent.TEST ? subject(message) : subject(message) + " - " + eventLabel(message.event());
    }

    /** Plain text: what happened, the incident as it was then, and the link to it. */
    String emailBody(Channel channel, Message message) {
        StringBuilder body = new StringBuilder();
        // One kind of line break, so a CR typed in a browser does not reach the mail as a stray =0D.
        body.append(message.text().replaceAll("\r\n?", "\n")).append("\n\n");
        if (message.incidentId() != null) {
            body.append("Incident:  #").append(message.incidentId()).append(' ').append(SmtpSender.oneLine(message.title()))
                    .append('\n');
            body.append("Severity:  ").append(message.severity()).append('\n');
            body.append("Status:    ").append(message.status()).append('\n');
        }
        body.append("Event:     ").append(message.event().id).append("\n\n");
        body.append(link(message)).append("\n\n");
        body.append("-- \nSent by Aftermath to the notification channel '").append(channel.name).append("'.\n");
        return body.toString();
    }

    private static String eventLabel(NotifyEvent event) {
        String words = event.id.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private String oneLine(Message message) {
        return subject(message) + ": " + message.text() + " " + link(message);
    }

    /** ntfy's JSON publishing (the topic goes in the body), which carries any text, unlike its headers. */
    private void ntfy(Channel channel, Message message) throws DeliveryException {
        URI topicUrl = uri(channel.url);
        String path = topicUrl.getRawPath() == null ? "" : topicUrl.getRawPath().replaceAll("/+$", "");
        int slash = path.lastIndexOf('/');
        String topic = path.substring(slash + 1);
        URI server = topicUrl.resolve(path.substring(0, slash + 1).isEmpty() ? "/" : path.substring(0, slash + 1));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic);
        body.put("title", subject(message));
        body.put("message", message.text());
        body.put("priority", priority(message.severity()));
        body.put("click", link(message));
        body.put("tags", new String[] {message.event().id});
        Map<String, String> headers = channel.hasSecret() ? Map.of("Authorization", "Bearer " + channel.secret) : Map.of();
        post(channel, server, bytes(body), headers);
    }

    private static int priority(String severity) {
        if (severity == null) {
            return 3;
        }
        return switch (severity) {
            case "SEV1" -> 5;
            case "SEV2" -> 4;
            case "SEV3" -> 3;
            default -> 2;
        };
    }

    private void webhook(Channel channel, Message message) throws DeliveryException {
        byte[] body = bytes(webhookBody(message));
        Map<String, String> headers = channel.hasSecret() ? Map.of(SIGNATURE_HEADER, sign(channel.secret, body)) : Map.of();
        post(channel, uri(channel.url), body, headers);
    }

    Map<String, Object> webhookBody(Message message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", message.event().id);
        if (message.incidentId() == null) {
            body.put("incident", null);
        } else {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("id", message.incidentId());
            incident.put("title", message.title());
            incident.put("severity", message.severity());
            incident.put("status", message.status());
            body.put("incident", incident);
        }
        body.put("text", message.text());
        body.put("url", link(message));
        return body;
    }

    /** {@code sha256=<hex HMAC-SHA256 of the body>}, as GitHub signs its webhooks. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void post(Channel channel, Object body, Map<String, String> headers) throws DeliveryException {
        post(channel, uri(channel.url), bytes(body), headers);
    }

    private void post(Channel channel, URI target, byte[] body, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "Aftermath")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryException(target.getHost() + " answered HTTP " + response.statusCode()
                        + abbreviate(response.body()));
            }
        } catch (IOException e) {
            throw new DeliveryException("could not reach " + target.getHost() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending to " + target.getHost());
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("the channel's URL cannot be used");
        }
    }

    private static URI uri(String url) throws DeliveryException {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DeliveryException("the channel's URL cannot be used");
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message of plain strings always serialises", e);
        }
    }

    private static String abbreviate(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() <= 200 ? line : line.substring(0, 200) + "…");
    }
}
