package org.aftermath.run.web;

import org.aftermath.run.Run;
import org.aftermath.run.RunMode;
import org.aftermath.run.RunStatus;
import org.aftermath.run.RunStep;
import org.aftermath.run.StepStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the API returns it and its page shows it: {@code steps} lists the mode's steps in order, each
 * with its output as one string, as printed; secrets appear only as the mask.
 */
public record RunView(long id, long incidentId, Long mitigationId, String runbook, String runbookTitle,
                      String runbookSha256, String mode, RunStatus status, Map<String, Object> params, String startedBy,
                      Instant createdAt, Instant startedAt, Instant finishedAt, String summary, String outcome,
                      String instance, String awaitingStep, String whoMayConfirm, String cancelRequestedBy, int lastSeq,
                      List<StepView> steps) {

    public record StepView(int index, String name, StepStatus status, Integer exitCode, Instant startedAt,
                           Instant finishedAt, Long durationMs, boolean confirm, boolean fourEyes,
                           String whoMayConfirm, boolean continueOnError, int timeoutSeconds, boolean truncated,
                           String output) {

        /** A gate's state in words: who may release it while it waits, that it was released once the step ran. */
        public String confirmNote() {
            if (!confirm) {
                return null;
            }
            return switch (status) {
                case PENDING -> "needs confirmation by " + whoMayConfirm;
                case SKIPPED -> null;
                default -> "confirmed";
            };
        }
    }

    /** What the live stream sends whenever a run's state changes. */
    public record State(long id, RunStatus status, String summary, String outcome, String awaitingStep,
                        List<StepState> steps) {
    }

    public record StepState(int index, String name, StepStatus status, Integer exitCode, Long durationMs) {
    }

    static RunView of(Run run, List<RunStep> steps, Map<Integer, String> output, int lastSeq) {
        return new RunView(run.id, run.incidentId, run.mitigationId, run.runbook, run.runbookTitle, run.runbookSha256,
                run.mode.id(), run.status, run.params, run.startedBy, run.createdAt, run.startedAt, run.finishedAt,
                run.summary, run.outcome, run.instanceId, awaitingStep(run, steps),
                awaiting(run, steps).map(s -> s.whoMayConfirm(run.startedBy)).orElse(null), run.cancelRequestedBy, lastSeq,
                steps.stream().map(s -> new StepView(s.stepIndex, s.name, s.status, s.exitCode, s.startedAt, s.finishedAt,
                        s.durationMs(), s.confirm, s.fourEyes, s.confirm ? s.whoMayConfirm(run.startedBy) : null,
                        s.continueOnError, s.timeoutSeconds, s.truncated(),
                        output.getOrDefault(s.stepIndex, ""))).toList());
    }

    static State state(Run run, List<RunStep> steps) {
        return new State(run.id, run.status, run.summary, run.outcome, awaitingStep(run, steps),
                steps.stream().map(s -> new StepState(s.stepIndex, s.name, s.status, s.exitCode, s.durationMs())).toList());
    }

    private static String awaitingStep(Run run, List<RunStep> steps) {
        return awaiting(run, steps).map(s -> s.name).orElse(null);
    }

    private static java.util.Optional<RunStep> awaiting(Run run, List<RunStep> steps) {
        if (run.status != RunStatus.AWAITING_CONFIRMATION) {
            return java.util.Optional.empty();
        }
        return steps.stream().filter(s -> s.stepIndex == run.nextStep).findFirst();
    }

    public boolean active() {
        return status.active();
    }

    /** A plan that went well can run again as execute with the same parameters ({@code RunService.executePlan}). */
    public boolean succeededPlan() {
        return status == RunStatus.SUCCEEDED && RunMode.PLAN.id().equals(mode);
    }

    public boolean awaitingConfirmation() {
        return status == RunStatus.AWAITING_CONFIRMATION;
    }
}
