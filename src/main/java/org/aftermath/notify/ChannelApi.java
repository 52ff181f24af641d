package org.aftermath.notify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.incident.Severity;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** JSON API for notification channels (admins). Secrets go in and never come out. */
@Path("/api/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMINISTER)
public class ChannelApi {

    private final ChannelService channels;
    private final Actor actor;

    ChannelApi(ChannelService channels, Actor actor) {
        this.channels = channels;
        this.actor = actor;
    }

    public record ChannelRequest(String name, ChannelType type, String url, String secret, List<NotifyEvent> events,
                                 Severity minSeverity, String mailTo, String mailFrom, String smtpHost, Integer smtpPort,
                                 Channel.SmtpTls smtpTls, String smtpUsername) {
    }

    /** A channel as shown: {@code hasSecret} instead of the secret, a chat webhook's URL reduced to its host. */
    public record ChannelJson(long id, String name, ChannelType type, String url, boolean hasSecret,
                              List<NotifyEvent> events, Severity minSeverity, String mailTo, String mailFrom,
                              String smtpHost, Integer smtpPort, Channel.SmtpTls smtpTls, String smtpUsername,
                              boolean enabled, Instant createdAt, String createdBy) {
        static ChannelJson of(Channel c) {
            return new ChannelJson(c.id, c.name, c.type, c.shownUrl(), c.hasSecret(), c.eventList(), c.minSeverity,
                    c.mailTo, c.mailFrom, c.smtpHost, c.smtpPort, c.smtpTls, c.smtpUsername, c.enabled, c.createdAt,
                    c.createdBy);
        }
    }

    @GET
    public List<ChannelJson> list() {
        return channels.all().stream().map(ChannelJson::of).toList();
    }

    @POST
    public Response create(@NotNull ChannelRequest r) {
        Channel channel = channels.create(new ChannelService.Definition(r.name(), r.type(), r.url(), r.secret(),
                r.events(), r.minSeverity(), r.mailTo(), r.mailFrom(), r.smtpHost(), r.smtpPort(), r.smtpTls(),
                r.smtpUsername()), actor.name());
        return Response.created(URI.create("/api/channels/" + channel.id)).entity(ChannelJson.of(channel)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@RestPath long id) {
        channels.delete(id);
        return Response.noContent().build();
    }
}
