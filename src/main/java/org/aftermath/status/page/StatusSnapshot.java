package org.aftermath.status.page;

import java.util.List;

/**
 * Everything the public status page shows, and nothing else: no notes, run output, responder names or private
 * postmortems ever get in here. Lists are in a fixed order, so the same data renders to the same bytes.
 */
public record StatusSnapshot(String title, String publicUrl, String lastUpdated, String lastUpdatedIso,
                             String feedUpdatedIso, String overall, String overallLabel, List<ServiceState> services,
                             List<IncidentView> active, List<MaintenanceView> maintenance, List<IncidentView> history,
                             List<IncidentView> published, List<FeedEntry> feed, List<String> historyDays) {

    /** A service now and on each of the last 90 days. */
    public record ServiceState(String slug, String name, String description, String state, String stateLabel,
                               List<Day> days, String historySummary) {
    }

    /** One day's bar: the worst state of the day. */
    public record Day(String date, String state, String label) {
    }

    public record IncidentView(long id, String title, String file, boolean active, String status, String statusLabel,
                               String worst, String startedAt, String startedAtIso, String resolvedAt,
                               String resolvedAtIso, List<ImpactView> impacts, List<UpdateView> updates,
                               List<SectionView> postmortem) {
    }

    public record ImpactView(String service, String name, String impact, String label) {
    }

    /** {@code status} is the word (identified), {@code statusLabel} its capitalised form. */
    public record UpdateView(long id, String status, String statusLabel, String text, String at, String atIso) {
    }

    /** A published postmortem section; {@code html} is sanitised Markdown. */
    public record SectionView(String heading, String html) {
    }

    public record MaintenanceView(long id, String title, String description, String startsAt, String startsAtIso,
                                  String endsAt, String endsAtIso, boolean inProgress, List<String> services) {
    }

    /** One public update as an Atom entry. */
    public record FeedEntry(String id, String title, String link, String updatedIso, String text) {
    }
}
