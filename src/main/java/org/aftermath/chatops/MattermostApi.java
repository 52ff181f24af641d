package org.aftermath.chatops;

import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * Mattermost's slash-command webhook. No login: Mattermost proves each request with the command's token
 * ({@code Authorization: Token <t>} and the {@code token} field). Not CSRF-protected: no browser session is used.
 */
// No @Produces: chat clients send various Accept headers, and every answer sets its own JSON type.
@Path("/")
public class MattermostApi {

    static final String TOKEN_SETTING = "aftermath.chatops.mattermost.token (AFTERMATH_CHATOPS_MATTERMOST_TOKEN)";

    private final MattermostTokens tokens;
    private final ChatCommands commands;
    private final RoutingContext routing;

    MattermostApi(ChatOpsConfig config, ChatCommands commands, RoutingContext routing) {
        this.tokens = new MattermostTokens(config.mattermost().token().orElse(List.of()));
        this.commands = commands;
        this.routing = routing;
    }

    @POST
    @Path("chatops/mattermost")
    @PermitAll
    public Response command(byte[] body, @HeaderParam("Authorization") String authorization) {
        if (tokens.isEmpty()) {
            return ChatAnswers.notConfigured(Platform.MATTERMOST, TOKEN_SETTING);
        }
        Map<String, String> form;
        try {
            form = FormBody.parse(body == null ? new byte[0] : body);
        } catch (IllegalArgumentException e) {
            form = Map.of();
        }
        if (!tokens.accepts(authorization, form.get("token"))) {
            return ChatAnswers.unauthorized(Platform.MATTERMOST, "Missing or wrong Mattermost command token; send it as "
                    + "'Authorization: Token <token>' as Mattermost does");
        }
        return ChatAnswers.reply(routing, commands.handle(ChatRequest.of(Platform.MATTERMOST, form)));
    }
}
