package org.aftermath.postmortem;

import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentCloseGuard;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * An incident is not closed while its postmortem lacks the sections named in
 * {@code aftermath.postmortem.required-before-close} (Summary and Root cause by default; empty or none disables).
 */
@Startup // a misspelt section key stops the start instead of surfacing at the first close
@Singleton
public class PostmortemCloseGuard implements IncidentCloseGuard {

    private final List<Section> required;

    @Inject
    PostmortemCloseGuard(@ConfigProperty(name = "aftermath.postmortem.required-before-close")
                         Optional<List<String>> required) {
        this(Section.parseKeys(required.orElse(List.of())));
    }

    PostmortemCloseGuard(List<Section> required) {
        this.required = List.copyOf(required);
    }

    public List<Section> required() {
        return required;
    }

    @Override
    public List<String> objectionsToClosing(Incident incident) {
        if (required.isEmpty()) {
            return List.of();
        }
        Postmortem.Content content = Postmortem.forIncident(incident.id).map(Postmortem::content)
                .orElse(Postmortem.Content.EMPTY);
        List<Section> missing = Postmortem.missing(content, required);
        if (missing.isEmpty()) {
            return List.of();
        }
        List<String> headings = missing.stream().map(s -> s.heading).toList();
        String named = headings.size() == 1 ? headings.get(0)
                : String.join(", ", headings.subList(0, headings.size() - 1)) + " and " + headings.get(headings.size() - 1);
        return List.of("the postmortem still needs " + named + " (write " + (headings.size() == 1 ? "it" : "them")
                + " at /incidents/" + incident.id + "/postmortem)");
    }
}
