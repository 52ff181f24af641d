package org.aftermath.run.web;

import java.util.List;

/** What the incident page shows about runs: the incident's runs and a form per runnable runbook. */
public record RunPanel(long incidentId, List<RunView> runs, List<RunForm> forms, int problems) {
}
