package org.aftermath.chatops.link;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.InvalidInputException;
import org.aftermath.chatops.ChatOpsConfig;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.Map;

/**
 * The logged-in person's own chat accounts: entering the code a chat account got from {@code link} (then
 * confirming which account it is, so a code passed on by someone else is not accepted blindly) and unlinking.
 */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class AccountChatPages {

    private final ChatLinkService links;
    private final Actor actor;
    private final String command;

    AccountChatPages(ChatLinkService links, Actor actor, ChatOpsConfig config) {
        this.links = links;
        this.actor = actor;
        this.command = config.command();
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance chat(List<ChatLink> links, String command, String code, Map<String, String> errors);

        static native TemplateInstance confirm(ChatLinkCode pending, String code, String username);
    }

    @GET
    @Path("account/chat")
    public TemplateInstance show() {
        return Templates.chat(links.ofUser(actor.name()), command, "", Map.of());
    }

    /** Shows which chat account the code belongs to; nothing is linked yet. */
    @POST
    @Path("account/chat/link")
    public Response enterCode(@RestForm String code) {
        try {
            return Response.ok(Templates.confirm(links.pending(code), code.strip(), actor.name())).build();
        } catch (InvalidInputException e) {
            return invalid(code, e);
        }
    }

    @POST
    @Path("account/chat/link/confirm")
    public Response confirm(@RestForm String code) {
        try {
            ChatLink link = links.redeem(code, actor.name());
            return Flash.redirect("/account/chat", link.chatIdentity() + " now acts as you");
        } catch (InvalidInputException e) {
            return invalid(code, e);
        }
    }

    @POST
    @Path("account/chat/links/{id}/delete")
    public Response unlink(@RestPath long id) {
        ChatLink link = links.unlink(id, actor.name(), false);
        return Flash.redirect("/account/chat", link.chatIdentity() + " unlinked");
    }

    private Response invalid(String code, InvalidInputException e) {
        return Response.status(422).entity(Templates.chat(links.ofUser(actor.name()), command, code == null ? "" : code,
                FormReader.messages(e))).build();
    }
}
