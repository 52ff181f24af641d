package org.aftermath.status.page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.incident.Incident;
import org.aftermath.postmortem.Postmortem;
import org.aftermath.postmortem.Section;
import org.aftermath.postmortem.markdown.MarkdownHtml;
import org.aftermath.status.Impact;
import org.aftermath.status.IncidentImpact;
import org.aftermath.status.Maintenance;
import org.aftermath.status.PublicPostmortem;
import org.aftermath.status.PublicStatus;
import org.aftermath.status.PublicUpdate;
import org.aftermath.status.Service;
import org.aftermath.status.page.StatusSnapshot.Day;
import org.aftermath.status.page.StatusSnapshot.FeedEntry;
import org.aftermath.status.page.StatusSnapshot.ImpactView;
import org.aftermath.status.page.StatusSnapshot.IncidentView;
import org.aftermath.status.page.StatusSnapshot.MaintenanceView;
import org.aftermath.status.page.StatusSnapshot.SectionView;
import org.aftermath.status.page.StatusSnapshot.ServiceState;
import org.aftermath.status.page.StatusSnapshot.UpdateView;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads what the status page shows into a {@link StatusSnapshot}. An incident is public only once it has a
 * public update, and then only its title, impacts, updates, times and (if marked public) the configured
 * postmortem sections are read. Times are shown in UTC: the page has no script to learn the reader's zone.
 */
@ApplicationScoped
public class StatusReader {

    public static final int HISTORY_DAYS = 90;
    static final int FEED_ENTRIES = 50;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String OPERATIONAL = "operational";
    private static final String MAINTENANCE = "maintenance";

    private final StatusSettings settings;
    private final String publicUrl;
    private final List<Section> sections;

    StatusReader(StatusSettings settings, @ConfigProperty(name = "aftermath.base-url") String baseUrl) {
        this.settings = settings;
        String url = settings.publicUrl().filter(u -> !u.isBlank()).orElse(baseUrl.replaceAll("/+$", "") + "/status/");
        this.publicUrl = url.endsWith("/") ? url : url + "/";
        this.sections = Section.parseKeys(settings.postmortemSections());
    }

    public String publicUrl() {
        return publicUrl;
    }

    @Transactional
    public StatusSnapshot read(Instant now) {
        List<Service> services = Service.inDisplayOrder();
        Map<Long, Service> serviceById = services.stream().collect(Collectors.toMap(s -> s.id, s -> s));
        Map<Long, List<PublicUpdate>> updates = PublicUpdate.all().stream()
                .collect(Collectors.groupingBy(u -> u.incidentId, TreeMap::new, Collectors.toList()));
        List<Incident> incidents = updates.isEmpty() ? List.of()
                : Incident.<Incident>list("id in ?1", updates.keySet()).stream()
                .sorted(Comparator.comparing((Incident i) -> i.startedAt).thenComparing(i -> i.id).reversed()).toList();
        Map<Long, List<IncidentImpact>> impacts = IncidentImpact.forIncidents(updates.keySet()).stream()
                .collect(Collectors.groupingBy(i -> i.incidentId));
        Set<Long> publicPostmortems = PublicPostmortem.incidentIds();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate firstDay = today.minusDays(HISTORY_DAYS - 1);
        Instant historyStart = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Maintenance> maintenance = Maintenance.endingAfter(historyStart);

        List<IncidentView> published = new ArrayList<>();
        Map<Long, Interval> intervals = new LinkedHashMap<>();
        for (Incident incident : incidents) {
            List<PublicUpdate> own = updates.get(incident.id);
            PublicUpdate latest = own.get(own.size() - 1);
            boolean active = incident.isOpen() && latest.status != PublicStatus.RESOLVED;
            Instant end = active ? null : incident.resolvedAt != null ? incident.resolvedAt : latest.postedAt;
            intervals.put(incident.id, new Interval(incident.startedAt, end));
            List<ImpactView> impactViews = services.stream()
                    .flatMap(s -> impacts.getOrDefault(incident.id, List.of()).stream().filter(i -> i.serviceId.equals(s.id))
                            .map(i -> new ImpactView(s.slug, s.name, i.impact.id, i.impact.label)))
                    .toList();
            Impact worst = impacts.getOrDefault(incident.id, List.of()).stream().map(i -> i.impact)
                    .reduce(null, Impact::worse);
            List<UpdateView> updateViews = new ArrayList<>(own.stream().map(u -> new UpdateView(u.id, u.status.id(),
                    u.status.label(), u.text, shown(u.postedAt), iso(u.postedAt))).toList());
            java.util.Collections.reverse(updateViews);
            PublicStatus shownStatus = active ? latest.status : PublicStatus.RESOLVED;
            published.add(new IncidentView(incident.id, incident.title, "incident-" + incident.id + ".html", active,
                    shownStatus.id(), shownStatus.label(), worst == null ? OPERATIONAL : worst.id,
                    shown(incident.startedAt), iso(incident.startedAt), end == null ? null : shown(end),
                    end == null ? null : iso(end), impactViews, updateViews,
                    publicPostmortems.contains(incident.id) ? postmortem(incident.id) : List.of()));
        }

        List<String> days = Stream.iterate(firstDay, d -> !d.isAfter(today), d -> d.plusDays(1)).map(LocalDate::toString).toList();
        List<ServiceState> states = new ArrayList<>();
        for (Service service : services) {
            String current = OPERATIONAL;
            for (IncidentView incident : published) {
                if (incident.active()) {
                    current = worse(current, impactOn(impacts.get(incident.id()), service.id));
                }
            }
            if (current.equals(OPERATIONAL) && maintenance.stream()
                    .anyMatch(m -> m.isActive(now) && m.serviceIds.contains(service.id))) {
                current = MAINTENANCE;
            }
            List<Day> bars = new ArrayList<>();
            Map<String, Integer> counts = new TreeMap<>();
            for (String date : days) {
                Instant from = LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant to = from.plus(1, ChronoUnit.DAYS);
                String state = OPERATIONAL;
                for (Map.Entry<Long, Interval> e : intervals.entrySet()) {
                    if (e.getValue().overlaps(from, to, now)) {
                        state = worse(state, impactOn(impacts.get(e.getKey()), service.id));
                    }
                }
                if (state.equals(OPERATIONAL) && maintenance.stream().anyMatch(m -> m.serviceIds.contains(service.id)
                        && m.startsAt.isBefore(to) && m.endsAt.isAfter(from) && m.startsAt.isBefore(now))) {
                    state = MAINTENANCE;
                }
                bars.add(new Day(date, state, date + ": " + label(state)));
                if (!state.equals(OPERATIONAL)) {
                    counts.merge(state, 1, Integer::sum);
                }
            }
            states.add(new ServiceState(service.slug, service.name, service.description, current, label(current), bars,
                    summary(counts)));
        }
        String overall = states.stream().map(ServiceState::state).reduce(OPERATIONAL, StatusReader::worse);

        List<MaintenanceView> planned = maintenance.stream().filter(m -> m.endsAt.isAfter(now))
                .map(m -> new MaintenanceView(m.id, m.title, m.description, shown(m.startsAt), iso(m.startsAt),
                        shown(m.endsAt), iso(m.endsAt), m.isActive(now), services.stream()
                        .filter(s -> m.serviceIds.contains(s.id)).map(s -> s.name).toList()))
                .toList();
        List<IncidentView> history = published.stream().filter(i -> !i.active())
                .filter(i -> intervals.get(i.id()).overlaps(historyStart, now.plusSeconds(1), now)).toList();

        List<FeedEntry> feed = published.stream()
                .flatMap(i -> i.updates().stream().map(u -> new FeedEntry(publicUrl + i.file() + "#update-" + u.id(),
                        i.title() + " — " + u.statusLabel(), publicUrl + i.file(), u.atIso(), u.text())))
                .sorted(Comparator.comparing(FeedEntry::updatedIso).thenComparing(FeedEntry::id).reversed())
                .limit(FEED_ENTRIES).toList();
        Instant dataChanged = Stream.of(
                        updates.values().stream().flatMap(List::stream).map(u -> u.postedAt),
                        maintenance.stream().map(m -> m.createdAt),
                        services.stream().map(s -> s.createdAt))
                .flatMap(s -> s).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);

        Instant updated = now.truncatedTo(ChronoUnit.MINUTES);
        return new StatusSnapshot(settings.title(), publicUrl, shown(updated), iso(updated), iso(dataChanged), overall,
                overallLabel(overall), states, published.stream().filter(IncidentView::active).toList(), planned, history,
                published, feed, days);
    }

    private List<SectionView> postmortem(long incidentId) {
        return Postmortem.forIncident(incidentId).map(p -> {
            Postmortem.Content content = p.content();
            return sections.stream().filter(content::isWritten)
                    .map(s -> new SectionView(s.heading, MarkdownHtml.render(content.text(s)))).toList();
        }).orElse(List.of());
    }

    private static String impactOn(List<IncidentImpact> impacts, long serviceId) {
        if (impacts == null) {
            return OPERATIONAL;
        }
        return impacts.stream().filter(i -> i.serviceId == serviceId).map(i -> i.impact.id).findFirst().orElse(OPERATIONAL);
    }

    /** The worse of two states: operational < maintenance < degraded < partial outage < major outage. */
    static String worse(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(String state) {
        if (state.equals(OPERATIONAL)) {
            return 0;
        }
        if (state.equals(MAINTENANCE)) {
            return 1;
        }
        return 2 + Impact.parse(state).ordinal();
    }

    static String label(String state) {
        return switch (state) {
            case OPERATIONAL -> "Operational";
            case MAINTENANCE -> "Under maintenance";
            default -> Impact.parse(state).label;
        };
    }

    private static String overallLabel(String state) {
        return switch (state) {
            case OPERATIONAL -> "All systems operational";
            case MAINTENANCE -> "Maintenance in progress";
            case "degraded" -> "Some services are degraded";
            case "partial-outage" -> "Partial outage";
            default -> "Major outage";
        };
    }

    private static String summary(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "No incidents in the last " + HISTORY_DAYS + " days";
        }
        return "Last " + HISTORY_DAYS + " days: " + counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> rank(e.getKey())).reversed())
                .map(e -> e.getValue() + (e.getValue() == 1 ? " day " : " days ") + label(e.getKey()).toLowerCase())
                .collect(Collectors.joining(", "));
    }

    private static String shown(Instant at) {
        return SHOWN.format(at);
    }

    private static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** When an incident affected its services; an open one lasts until now. */
    private record Interval(Instant from, Instant to) {
        boolean overlaps(Instant start, Instant end, Instant now) {
            Instant until = to != null ? to : now;
            return from.isBefore(end) && !until.isBefore(start);
        }
    }
}
