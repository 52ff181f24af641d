package org.aftermath.chatops;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.web.Problem;

/** The answers both chat endpoints share: refusals before a command is read, and the command's reply. */
final class ChatAnswers {

    private ChatAnswers() {
    }

    /** With no secret configured the endpoint does not exist: it must never run unverified commands. */
    static Response notConfigured(Platform platform, String setting) {
        return Problem.of(Response.Status.NOT_FOUND, "chatops-not-configured", platform.displayName
                + " slash commands are not enabled on this server; set " + setting + " to turn them on")
                .at("/chatops/" + platform.source()).toResponse();
    }

    static Response unauthorized(Platform platform, String detail) {
        return Problem.of(Response.Status.UNAUTHORIZED, "chatops-unauthenticated", detail)
                .at("/chatops/" + platform.source()).toResponse();
    }

    /** 200 with the reply; anything that must wait for the reply to be sent runs when the response has ended. */
    static Response reply(RoutingContext routing, ChatCommands.Handled handled) {
        routing.addEndHandler(ended -> handled.afterReply().run());
        return Response.ok(handled.reply(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A verified request whose body could not be read still gets an answer the chat can show. */
    static Response unreadable() {
        return Response.ok(ChatReply.ephemeral("Aftermath could not read this request."), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
