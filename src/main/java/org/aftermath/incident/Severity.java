package org.aftermath.incident;

/** How bad it is; SEV1 is the worst. */
public enum Severity {
    SEV1("Critical: full outage or data loss"),
    SEV2("Major: a core service is down"),
    SEV3("Minor: degraded, with a workaround"),
    SEV4("Low: cosmetic or internal only");

    public final String description;

    Severity(String description) {
        this.description = description;
    }
}
