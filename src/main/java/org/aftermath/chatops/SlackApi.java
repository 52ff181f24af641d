package org.aftermath.chatops;

import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.Map;

/**
 * Slack's slash-command webhook. No login: Slack proves each request by signing its raw body, so the body is
 * taken as bytes and verified before anything in it is read. Not CSRF-protected: no browser session is used.
 */
// No @Produces: chat clients send various Accept headers, and every answer sets its own JSON type.
@Path("/")
public class SlackApi {

    static final String SECRET_SETTING = "aftermath.chatops.slack.signing-secret (AFTERMATH_CHATOPS_SLACK_SIGNING_SECRET)";

    private final ChatOpsConfig config;
    private final Clock clock;
    private final ChatCommands commands;
    private final RoutingContext routing;

    SlackApi(ChatOpsConfig config, Clock clock, ChatCommands commands, RoutingContext routing) {
        this.config = config;
        this.clock = clock;
        this.commands = commands;
        this.routing = routing;
    }

    @POST
    @Path("chatops/slack")
    @PermitAll
    public Response command(byte[] body, @HeaderParam("X-Slack-Request-Timestamp") String timestamp,
                            @HeaderParam("X-Slack-Signature") String signature) {
        var secret = config.slack().signingSecret().filter(s -> !s.isBlank());
        if (secret.isEmpty()) {
            return ChatAnswers.notConfigured(Platform.SLACK, SECRET_SETTING);
        }
        if (!new SlackSignature(secret.get(), clock).verify(timestamp, body == null ? new byte[0] : body, signature)) {
            return ChatAnswers.unauthorized(Platform.SLACK, "Missing, invalid or stale X-Slack-Signature; requests must "
                    + "be signed with the app's signing secret and sent within 5 minutes");
        }
        Map<String, String> form;
        try {
            form = FormBody.parse(body);
        } catch (IllegalArgumentException e) {
            return ChatAnswers.unreadable();
        }
        if ("1".equals(form.get("ssl_check"))) {
            return Response.ok(ChatReply.ephemeral("ok"), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return ChatAnswers.reply(routing, commands.handle(ChatRequest.of(Platform.SLACK, form)));
    }
}
