package org.aftermath.postmortem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.Durations;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.postmortem.PostmortemExporter.Export;
import org.aftermath.postmortem.PostmortemExporter.Options;
import org.aftermath.postmortem.PostmortemService.Current;
import org.aftermath.security.Actor;
import org.aftermath.security.Role;
import org.aftermath.web.MalformedRequestException;
import org.aftermath.web.QueryParams;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON API for an incident's postmortem, plus its Markdown export. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class PostmortemApi {

    private final PostmortemService postmortems;
    private final PostmortemExporter exporter;
    private final PostmortemCloseGuard closeGuard;
    private final ReaderZone zone;
    private final Actor actor;

    PostmortemApi(PostmortemService postmortems, PostmortemExporter exporter, PostmortemCloseGuard closeGuard,
                  ReaderZone zone, Actor actor) {
        this.postmortems = postmortems;
        this.exporter = exporter;
        this.closeGuard = closeGuard;
        this.zone = zone;
        this.actor = actor;
    }

    /** Sections keyed as in {@link Section#key}, every key present (null when not written), in document order. */
    public record PostmortemJson(long incidentId, int version, Map<String, String> sections, Long usersAffected,
                                 Integer impactMinutes, ImpactDurationJson impactDuration,
                                 List<String> missingBeforeClose, Instant createdAt, String createdBy,
                                 Instant updatedAt, String updatedBy) {
    }

    /** The impact duration as typed, or else derived from the incident's start and resolution ({@code derived}). */
    public record ImpactDurationJson(long seconds, String text, boolean derived) {
    }

    public record RevisionJson(int version, Instant editedAt, String editedBy, Map<String, String> sections,
                               Long usersAffected, Integer impactMinutes) {
    }

    /** A whole postmortem: sections left out are saved as not written. */
    public record SaveRequest(Long version, Map<String, String> sections, Long usersAffected, Integer impactMinutes) {
    }

    @GET
    @Path("incidents/{id}/postmortem")
    public Response get(@RestPath long id) {
        Current current = postmortems.current(id);
        return Response.ok(json(current)).tag(Integer.toString(current.revision())).build();
    }

    @RolesAllowed(Role.RESPOND)
    @PUT
    @Path("incidents/{id}/postmortem")
    public Response save(@RestPath long id, @NotNull SaveRequest request, @RestHeader("If-Match") String ifMatch) {
        Long version = QueryParams.expectedVersion(request.version(), ifMatch);
        if (version == null) {
            throw new InvalidInputException("version", "is required: the version you read (0 before the first save)");
        }
        Postmortem.Content content = new Postmortem.Content(sections(request.sections()), request.usersAffected(),
                request.impactMinutes());
        Current saved = postmortems.save(id, content, version, actor.name());
        return Response.ok(json(saved)).tag(Integer.toString(saved.revision())).build();
    }

    @GET
    @Path("incidents/{id}/postmortem/revisions")
    public List<RevisionJson> revisions(@RestPath long id) {
        return postmortems.revisions(id).stream().map(r -> new RevisionJson(r.revision, r.editedAt, r.editedBy,
                byKey(r.content()), r.usersAffected, r.impactMinutes)).toList();
    }

    /** A download, whatever the client accepts (curl, scripts and browsers send different Accept headers). */
    @GET
    @Path("incidents/{id}/postmortem.md")
    @Produces(MediaType.WILDCARD)
    public Response markdown(@RestPath long id, @RestQuery String tz, @RestQuery String timeline) {
        Export export = exporter.export(id, Options.parse(tz, timeline, zone.zone()));
        return PostmortemPages.download(export);
    }

    private PostmortemJson json(Current current) {
        Postmortem p = current.postmortem();
        Postmortem.Content content = current.content();
        ImpactDurationJson impact = content.impactDuration(current.incident())
                .map(d -> new ImpactDurationJson(d.getSeconds(), Durations.human(d), content.impactMinutes() == null))
                .orElse(null);
        return new PostmortemJson(current.incident().id, current.revision(), byKey(content), content.usersAffected(),
                content.impactMinutes(), impact,
                Postmortem.missing(content, closeGuard.required()).stream().map(s -> s.key).toList(),
                p == null ? null : p.createdAt, p == null ? null : p.createdBy,
                p == null ? null : p.updatedAt, p == null ? null : p.updatedBy);
    }

    private static Map<String, String> byKey(Postmortem.Content content) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Section section : Section.values()) {
            byKey.put(section.key, content.text(section));
        }
        return byKey;
    }

    private static Map<Section, String> sections(Map<String, String> byKey) {
        Map<Section, String> sections = new EnumMap<>(Section.class);
        if (byKey == null) {
            return sections;
        }
        List<FieldError> unknown = new ArrayList<>();
        byKey.forEach((key, text) -> Section.byKey(key).ifPresentOrElse(s -> sections.put(s, text),
                () -> unknown.add(new FieldError("sections." + key, "unknown section; known: " + Section.keys()))));
        if (!unknown.isEmpty()) {
            throw new MalformedRequestException(unknown);
        }
        return sections;
    }
}
