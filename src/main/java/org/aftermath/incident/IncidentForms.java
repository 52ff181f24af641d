package org.aftermath.incident;

import org.aftermath.Change;
import org.aftermath.incident.IncidentService.Changes;
import org.aftermath.incident.IncidentService.Declaration;
import org.aftermath.web.FormReader;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestForm;

/** The HTML forms of the incident pages: what the browser posts, as typed, before conversion. */
final class IncidentForms {

    private IncidentForms() {
    }

    /** The declare form; times are {@code datetime-local} strings in the reader's zone. */
    record DeclareForm(@RestForm String title, @RestForm String severity, @RestForm String summary,
                       @RestForm String startedAt, @RestForm String detectedAt) {

        static DeclareForm blank() {
            return new DeclareForm("", "SEV2", "", "", "");
        }

        Declaration toDeclaration(ReaderZone zone) {
            FormReader read = new FormReader(zone);
            String checkedTitle = read.required("title", title);
            Severity checkedSeverity = read.choice("severity", severity, Severity.class, true);
            Declaration declaration = new Declaration(checkedTitle, summary, checkedSeverity,
                    read.time("startedAt", startedAt), read.time("detectedAt", detectedAt));
            read.requireValid();
            return declaration;
        }
    }

    /** The edit form: every field is sent, so every field is a change. */
    record EditForm(@RestForm String title, @RestForm String severity, @RestForm String summary,
                    @RestForm String startedAt, @RestForm String detectedAt, @RestForm String mitigatedAt,
                    @RestForm String resolvedAt, @RestForm String closedAt, @RestForm String version) {

        static EditForm of(Incident i, ReaderZone zone) {
            return new EditForm(i.title, i.severity.name(), i.summary == null ? "" : i.summary,
                    zone.inputValue(i.startedAt), zone.inputValue(i.detectedAt), zone.inputValue(i.mitigatedAt),
                    zone.inputValue(i.resolvedAt), zone.inputValue(i.closedAt), Long.toString(i.version));
        }

        Changes toChanges(ReaderZone zone) {
            FormReader read = new FormReader(zone);
            Changes changes = new Changes(Change.to(read.required("title", title)), Change.to(summary),
                    Change.to(read.choice("severity", severity, Severity.class, true)),
                    Change.to(read.time("startedAt", startedAt)), Change.to(read.time("detectedAt", detectedAt)),
                    Change.to(read.time("mitigatedAt", mitigatedAt)), Change.to(read.time("resolvedAt", resolvedAt)),
                    Change.to(read.time("closedAt", closedAt)));
            read.number("version", version);
            read.requireValid();
            return changes;
        }

        /** The form's value for one of the time fields, by name (the template loops over them). */
        public String timeValue(String field) {
            String value = switch (field) {
                case "startedAt" -> startedAt;
                case "detectedAt" -> detectedAt;
                case "mitigatedAt" -> mitigatedAt;
                case "resolvedAt" -> resolvedAt;
                case "closedAt" -> closedAt;
                default -> throw new IllegalArgumentException(field);
            };
            return value == null ? "" : value;
        }

        Long expectedVersion(ReaderZone zone) {
            return new FormReader(zone).number("version", version);
        }
    }
}
