package org.aftermath.run.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.mitigation.MitigationStep;
import org.aftermath.runbook.RunbookCatalog;

import java.util.List;
import java.util.Map;

/** The runs section of the incident page: its runs, live while active, and a run form per runbook. */
@ApplicationScoped
public class RunPanels {

    private final RunViews views;
    private final RunbookCatalog catalog;

    RunPanels(RunViews views, RunbookCatalog catalog) {
        this.views = views;
        this.catalog = catalog;
    }

    public RunPanel forIncident(long incidentId, List<MitigationStep> mitigations) {
        RunbookCatalog.Snapshot snapshot = catalog.current();
        List<RunForm> forms = snapshot.all().stream()
                .map(r -> RunForm.of(incidentId, r, Map.of(), Map.of(), mitigations, null)).toList();
        return new RunPanel(incidentId, views.listed(incidentId), forms, snapshot.problems().size());
    }
}
