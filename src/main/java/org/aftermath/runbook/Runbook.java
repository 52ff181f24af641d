package org.aftermath.runbook;

import java.util.List;
import java.util.Optional;

/**
 * A parsed runbook file: what a person reads (the Markdown) and what Aftermath can run (its fenced steps),
 * with the typed parameters both share. {@code content} and {@code sha256} are the file exactly as read,
 * so a run can keep a snapshot of what it ran.
 */
public record Runbook(String slug, String file, String title, String summary, List<String> tags, Integer timeoutSeconds,
                      List<ParamSpec> params, List<Step> steps, String content, String sha256) {

    /**
     * A fenced {@code sh}/{@code bash} block with attributes in braces. {@code fourEyes}: its confirmation must
     * come from an operator other than the one who started the run (the step's {@code fourEyes=true}, or the
     * runbook's {@code fourEyes: true} for all its confirm steps).
     */
    public record Step(String name, String shell, String script, boolean plan, boolean confirm, boolean fourEyes,
                       Integer timeoutSeconds, boolean continueOnError, int line) {
    }

    /** Why a file is not a usable runbook, pointing at the line to fix. */
    public record Problem(String file, int line, String reason) {
    }

    /** The steps a run of this mode executes: plan runs only {@code plan=true} steps, execute runs all. */
    public List<Step> stepsFor(boolean plan) {
        return plan ? steps.stream().filter(Step::plan).toList() : steps;
    }

    public Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
