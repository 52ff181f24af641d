package org.aftermath.postmortem;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.followup.FollowUp;
import org.aftermath.incident.Incident;
import org.aftermath.mitigation.MitigationStep;
import org.aftermath.timeline.TimelineEvent;
import org.aftermath.timeline.TimelineService;
import org.aftermath.web.MalformedRequestException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Writes an incident's postmortem as GitHub-flavoured Markdown from a Qute text template. */
@ApplicationScoped
public class PostmortemExporter {

    private final PostmortemService postmortems;
    private final TimelineService timeline;

    PostmortemExporter(PostmortemService postmortems, TimelineService timeline) {
        this.postmortems = postmortems;
        this.timeline = timeline;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance postmortem(PostmortemDocument doc);
    }

    /** The zone times are shown in and whether the timeline keeps only key events. */
    public record Options(ZoneId zone, boolean keyEventsOnly) {

        /**
         * Reads {@code ?tz=} and {@code ?timeline=}; a missing zone is {@code fallback} (the reader's).
         *
         * @throws MalformedRequestException (400) for an unknown zone or timeline mode
         */
        public static Options parse(String tz, String timeline, ZoneId fallback) {
            ZoneId zone = fallback;
            if (tz != null && !tz.isBlank()) {
                try {
                    zone = ZoneId.of(tz.strip());
                } catch (DateTimeException e) {
                    throw new MalformedRequestException(List.of(new FieldError("tz",
                            "must be an IANA time zone such as America/Montreal or UTC")));
                }
            }
            String mode = timeline == null || timeline.isBlank() ? "all" : timeline.strip().toLowerCase(Locale.ROOT);
            if (!mode.equals("all") && !mode.equals("key")) {
                throw new MalformedRequestException(List.of(new FieldError("timeline", "must be key or all")));
            }
            return new Options(zone, mode.equals("key"));
        }

        /** The zone's name as people write it ("UTC" rather than "Z"). */
        public String zoneName() {
            return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        }

        /** The query string that asks for these options again, for links. */
        public String query() {
            return "tz=" + URLEncoder.encode(zoneName(), StandardCharsets.UTF_8)
                    + "&timeline=" + (keyEventsOnly ? "key" : "all");
        }
    }

    public record Export(String fileName, String markdown, PostmortemDocument document) {
    }

    public Export export(long incidentId, Options options) {
        PostmortemDocument document = document(incidentId, options);
        return new Export(fileName(document.incident()), Templates.postmortem(document).render(), document);
    }

    PostmortemDocument document(long incidentId, Options options) {
        PostmortemService.Current current = postmortems.current(incidentId);
        List<TimelineEvent> events = timeline.eventsOf(incidentId);
        List<MitigationStep> steps = MitigationStep.forIncident(incidentId); // the incident is known: current() looked it up
        List<FollowUp> items = FollowUp.forIncident(incidentId);
        List<RunEvidence> runs = RunEvidence.in(events);
        Set<String> responders = new TreeSet<>();
        events.forEach(e -> responders.add(e.actor));
        steps.forEach(s -> responders.add(s.createdBy));
        items.forEach(f -> responders.add(f.createdBy));
        runs.stream().map(RunEvidence::startedBy).filter(Objects::nonNull).forEach(responders::add);
        List<TimelineEvent> shown = options.keyEventsOnly() ? events.stream().filter(e -> e.key).toList() : events;
        return new PostmortemDocument(current.incident(), current.postmortem(), current.content(), options.zone(),
                options.keyEventsOnly(), shown, steps, runs, items, List.copyOf(responders));
    }

    /** {@code <yyyy-mm-dd>-<slug>.md}, dated by the start of impact in UTC so every reader gets the same name. */
    public static String fileName(Incident incident) {
        return incident.startedAt.atZone(ZoneOffset.UTC).toLocalDate() + "-" + slug(incident.title, incident.id) + ".md";
    }

    static String slug(String title, long id) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
            slug = slug.contains("-") ? slug.substring(0, slug.lastIndexOf('-')) : slug;
        }
        return slug.isEmpty() ? "incident-" + id : slug;
    }
}
