package org.aftermath.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.aftermath.dashboard.DashboardService.AwaitingRun;
import org.aftermath.dashboard.DashboardService.Charts;
import org.aftermath.dashboard.DashboardService.Counts;
import org.aftermath.dashboard.DashboardService.OverdueFollowUp;
import org.aftermath.incident.Incident;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Pages;
import org.aftermath.web.ReaderZone;

import java.util.List;

/** The start page. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.VIEW)
public class DashboardPages {

    private final DashboardService dashboard;
    private final ReaderZone zone;

    DashboardPages(DashboardService dashboard, ReaderZone zone) {
        this.dashboard = dashboard;
        this.zone = zone;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(List<Incident> open, List<AwaitingRun> awaiting,
                                                 List<OverdueFollowUp> overdue, Counts counts, Charts charts,
                                                 boolean firstRun);
    }

    @GET
    public TemplateInstance dashboard() {
        Counts counts = dashboard.counts(zone.zone());
        // Asked only when nothing is open or recent, so a busy dashboard pays no extra query.
        boolean firstRun = counts.open() == 0 && counts.declaredLast30Days() == 0 && !dashboard.anyIncident();
        return Templates.dashboard(dashboard.openIncidents(), dashboard.runsAwaitingConfirmation(),
                dashboard.overdueFollowUps(zone.zone()), counts, dashboard.charts(zone.zone()), firstRun);
    }
}
