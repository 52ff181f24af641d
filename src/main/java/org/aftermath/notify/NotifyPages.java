package org.aftermath.notify;

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
import org.aftermath.incident.Severity;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.FormReader;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.Map;

/** The admin's notification pages: channels with their rules and a test button, and the outbox's deliveries. */
@Path("/admin/notifications")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.ADMINISTER)
public class NotifyPages {

    private static final int DELIVERIES_SHOWN = 200;

    private final ChannelService channels;
    private final Actor actor;
    private final ReaderZone zone;

    NotifyPages(ChannelService channels, Actor actor, ReaderZone zone) {
        this.channels = channels;
        this.actor = actor;
        this.zone = zone;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channels(List<Channel> channels, ChannelForm form, Map<String, String> errors,
                                                List<NotifyEvent> events, List<ChannelType> types, Severity[] severities,
                                                Channel.SmtpTls[] tlsModes);

        static native TemplateInstance deliveries(List<Notification> deliveries, long pending, long failed);
    }

    @GET
    public TemplateInstance list() {
        return page(ChannelForm.empty(), Map.of());
    }

    @POST
    @Path("channels")
    public Response create(@BeanParam ChannelForm form) {
        try {
            Channel channel = channels.create(form.definition(zone), actor.name());
            return Flash.redirect("/admin/notifications", "Channel " + channel.name + " added");
        } catch (InvalidInputException e) {
            return Response.status(422).entity(page(form.withoutSecret(), FormReader.messages(e))).build();
        } catch (ConflictException e) {
            return Response.status(409).entity(page(form.withoutSecret(), Map.of("name", e.getMessage()))).build();
        }
    }

    @POST
    @Path("channels/{id}/test")
    public Response test(@RestPath long id) {
        Channel channel = channels.sendTest(id, actor.name());
        return Flash.redirect("/admin/notifications/deliveries", "Test message for " + channel.name + " queued");
    }

    @POST
    @Path("channels/{id}/delete")
    public Response delete(@RestPath long id) {
        channels.delete(id);
        return Flash.redirect("/admin/notifications", "Channel removed");
    }

    @GET
    @Path("deliveries")
    public TemplateInstance deliveries() {
        return Templates.deliveries(Notification.newest(DELIVERIES_SHOWN), Notification.countIn(Notification.State.PENDING),
                Notification.countIn(Notification.State.FAILED));
    }

    private TemplateInstance page(ChannelForm form, Map<String, String> errors) {
        return Templates.channels(channels.all(), form, errors, NotifyEvent.selectable(), List.of(ChannelType.values()),
                Severity.values(), Channel.SmtpTls.values());
    }
}
