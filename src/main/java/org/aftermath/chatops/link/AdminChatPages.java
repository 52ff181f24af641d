package org.aftermath.chatops.link;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.chatops.Platform;
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

/** Admin page: every chat account link, linking one by its chat ids, and unlinking. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.ADMINISTER)
public class AdminChatPages {

    private final ChatLinkService links;
    private final Actor actor;

    AdminChatPages(ChatLinkService links, Actor actor) {
        this.links = links;
        this.actor = actor;
    }

    public record LinkForm(@RestForm String platform, @RestForm String teamId, @RestForm String chatUserId,
                           @RestForm String chatUserName, @RestForm String username) {
        static LinkForm blank() {
            return new LinkForm(Platform.SLACK.name(), "", "", "", "");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance links(List<ChatLink> links, List<Platform> platforms, LinkForm form,
                                             Map<String, String> errors);
    }

    @GET
    @Path("admin/chat-links")
    public TemplateInstance list() {
        return page(LinkForm.blank(), Map.of());
    }

    @POST
    @Path("admin/chat-links")
    public Response link(@BeanParam LinkForm form) {
        try {
            ChatLink link = links.link(Platform.parse(form.platform()), form.teamId(), form.chatUserId(),
                    form.chatUserName(), form.username(), actor.name());
            return Flash.redirect("/admin/chat-links", link.chatIdentity() + " now acts as " + link.user.username);
        } catch (InvalidInputException e) {
            return Response.status(422).entity(page(form, FormReader.messages(e))).build();
        } catch (ConflictException e) {
            return Response.status(409).entity(page(form, Map.of("chatUserId", e.getMessage()))).build();
        }
    }

    @POST
    @Path("admin/chat-links/{id}/delete")
    public Response unlink(@RestPath long id) {
        ChatLink link = links.unlink(id, actor.name(), true);
        return Flash.redirect("/admin/chat-links", link.chatIdentity() + " unlinked from " + link.user.username);
    }

    private TemplateInstance page(LinkForm form, Map<String, String> errors) {
        return Templates.links(links.all(), List.of(Platform.values()), form, errors);
    }
}
