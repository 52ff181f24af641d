package org.aftermath.run;

/** Where one step of a run stands; SKIPPED steps never started because the run ended before them. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED, INTERRUPTED;

    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
