package org.aftermath.run;

/** A plan run executes only the runbook's {@code plan=true} steps; an execute run executes them all. */
public enum RunMode {
    PLAN, EXECUTE;

    /** How the API and the steps ({@code AFTERMATH_MODE}) name the mode. */
    public String id() {
        return name().toLowerCase();
    }

    public static RunMode parse(String id) {
        for (RunMode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        return null;
    }
}
