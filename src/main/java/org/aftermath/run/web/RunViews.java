package org.aftermath.run.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.NotFoundException;
import org.aftermath.incident.IncidentService;
import org.aftermath.run.Run;
import org.aftermath.run.RunOutput;
import org.aftermath.run.RunStep;

import java.util.List;
import java.util.Map;

/** Reads runs for the API, the pages and the live streams (which read off any request thread). */
@ApplicationScoped
public class RunViews {

    private final RunOutput output;
    private final IncidentService incidents;

    RunViews(RunOutput output, IncidentService incidents) {
        this.output = output;
        this.incidents = incidents;
    }

    @Transactional
    public RunView view(long runId) {
        Run run = run(runId);
        return RunView.of(run, RunStep.ofRun(runId), output.byStep(runId), output.lastSeq(runId));
    }

    @Transactional
    public RunView.State state(long runId) {
        Run run = run(runId);
        return RunView.state(run, RunStep.ofRun(runId));
    }

    /** The incident's runs, newest first, without output; 404 for an unknown incident. */
    @Transactional
    public List<RunView> ofIncident(long incidentId) {
        incidents.require(incidentId);
        return listed(incidentId);
    }

    /** The same for an incident the caller already holds (the incident page). */
    @Transactional
    List<RunView> listed(long incidentId) {
        List<Run> runs = Run.forIncident(incidentId);
        Map<Long, List<RunStep>> steps = RunStep.ofRuns(runs.stream().map(r -> r.id).toList()).stream()
                .collect(java.util.stream.Collectors.groupingBy(s -> s.runId));
        return runs.stream().map(r -> RunView.of(r, steps.getOrDefault(r.id, List.of()), Map.of(), 0)).toList();
    }

    private static Run run(long runId) {
        Run run = Run.findById(runId);
        if (run == null) {
            throw new NotFoundException("Run", runId);
        }
        return run;
    }
}
