package org.aftermath.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.aftermath.followup.FollowUpState;
import org.aftermath.incident.Incident;
import org.aftermath.incident.Severity;
import org.aftermath.run.RunStatus;
import org.aftermath.dashboard.BarChart.MeanOf;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the start page shows: what is burning now, what is owed, and how fast we have been. */
@ApplicationScoped
public class DashboardService {

    private final EntityManager em;
    private final Clock clock;

    DashboardService(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    public record OverdueFollowUp(long id, String title, String owner, LocalDate dueOn, long incidentId,
                                  String incidentTitle) {
    }

    public record AwaitingRun(long runId, String runbookTitle, long incidentId, String incidentTitle, String step,
                              String startedBy) {
    }

    public record Counts(long open, long declaredLast30Days, long resolvedLast30Days, long overdueFollowUps) {
    }

    public record Charts(BarChart timeToResolve, BarChart timeToDetect) {
    }

    /** The worst open incidents first; the dashboard shows this many, the incident list has the rest. */
    public static final int OPEN_SHOWN = 15;
    public static final int OVERDUE_SHOWN = 10;

    public List<Incident> openIncidents() {
        return Incident.open(OPEN_SHOWN);
    }

    public List<OverdueFollowUp> overdueFollowUps(ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return em.createQuery("""
                        select new org.aftermath.dashboard.DashboardService$OverdueFollowUp(
                            f.id, f.title, f.owner, f.dueOn, i.id, i.title)
                        from FollowUp f, Incident i
                        where i.id = f.incidentId and f.state = :open and f.dueOn < :today
                        order by f.dueOn, f.id""", OverdueFollowUp.class)
                .setParameter("open", FollowUpState.OPEN).setParameter("today", today)
                .setMaxResults(OVERDUE_SHOWN).getResultList();
    }

    /** Runs stopped before a confirm=true step: someone is waiting for an operator. */
    public List<AwaitingRun> runsAwaitingConfirmation() {
        return em.createQuery("""
                        select new org.aftermath.dashboard.DashboardService$AwaitingRun(
                            r.id, r.runbookTitle, i.id, i.title, s.name, r.startedBy)
                        from Run r, Incident i, RunStep s
                        where i.id = r.incidentId and s.runId = r.id and s.stepIndex = r.nextStep
                          and r.status = :awaiting
                        order by r.id""", AwaitingRun.class)
                .setParameter("awaiting", RunStatus.AWAITING_CONFIRMATION).setMaxResults(50).getResultList();
    }

    /** Whether any incident was ever recorded: a fresh install gets a hint towards the example data. */
    public boolean anyIncident() {
        return (Boolean) em.createNativeQuery("select exists (select 1 from incident)").getSingleResult();
    }

    /** One statement, each count answered from its own index (the literals match the partial indexes). */
    public Counts counts(ZoneId zone) {
        Instant monthAgo = clock.instant().minusSeconds(30L * 24 * 3600);
        Object[] row = (Object[]) em.createNativeQuery("""
                        select (select count(*) from incident where status in ('INVESTIGATING', 'MITIGATED')),
                               (select count(*) from incident where created_at >= :since),
                               (select count(*) from incident where resolved_at >= :since),
                               (select count(*) from follow_up where state = 'OPEN' and due_on < :today)""")
                .setParameter("since", Timestamp.from(monthAgo))
                .setParameter("today", LocalDate.now(clock.withZone(zone))).getSingleResult();
        return new Counts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue());
    }

    /**
     * Mean time to resolve and to detect per month (in the reader's zone) and severity, over resolved
     * incidents, for the twelve months up to the latest one with a resolved incident. The window is found
     * first, so only those months' incidents are read, from an index that holds every column needed.
     */
    public Charts charts(ZoneId zone) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select to_char(i.started_at at time zone :zone, 'YYYY-MM') as month, i.severity,
                               avg(extract(epoch from i.resolved_at - i.started_at)) as resolve_seconds,
                               avg(extract(epoch from coalesce(i.detected_at, i.started_at) - i.started_at)) as detect_seconds,
                               count(*)
                        from incident i
                        where i.resolved_at is not null
                          and i.started_at >= (
                              select (date_trunc('month', max(started_at) at time zone :zone) - interval '11 months')
                                     at time zone :zone
                              from incident where resolved_at is not null)
                        group by 1, 2
                        order by 1, 2""")
                .setParameter("zone", zone.getId()).getResultList();
        Map<String, Map<Severity, MeanOf>> resolve = new LinkedHashMap<>();
        Map<String, Map<Severity, MeanOf>> detect = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String month = (String) row[0];
            Severity severity = Severity.valueOf((String) row[1]);
            long count = ((Number) row[4]).longValue();
            resolve.computeIfAbsent(month, m -> new EnumMap<>(Severity.class))
                    .put(severity, new MeanOf(((Number) row[2]).doubleValue(), count));
            detect.computeIfAbsent(month, m -> new EnumMap<>(Severity.class))
                    .put(severity, new MeanOf(((Number) row[3]).doubleValue(), count));
        }
        return new Charts(BarChart.of("Mean time to resolve", resolve), BarChart.of("Mean time to detect", detect));
    }
}
