package org.aftermath.postmortem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentService;
import org.aftermath.postmortem.Postmortem.Content;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writing postmortems: one per incident, every save checked against the revision the writer started from. */
@ApplicationScoped
public class PostmortemService {

    /** A generous ceiling that still catches a typo of minutes for seconds (ten years). */
    static final int IMPACT_MINUTES_MAX = 10 * 366 * 24 * 60;

    private final IncidentService incidents;
    private final Clock clock;

    PostmortemService(IncidentService incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    /** An incident with its postmortem, which is null until someone saves one. */
    public record Current(Incident incident, Postmortem postmortem) {

        public Content content() {
            return postmortem == null ? Content.EMPTY : postmortem.content();
        }

        /** The version an editor must send back: 0 before the first save. */
        public int revision() {
            return postmortem == null ? 0 : postmortem.revision;
        }
    }

    public Current current(long incidentId) {
        Incident incident = incidents.require(incidentId);
        return new Current(incident, Postmortem.forIncident(incidentId).orElse(null));
    }

    /**
     * Saves the content as a new revision, refusing it when someone saved since {@code expectedRevision}
     * (the revision the writer loaded; 0 for the first save). Saving unchanged content records nothing.
     */
    @Transactional
    public Current save(long incidentId, Content content, long expectedRevision, String actor) {
        if (expectedRevision < 0) {
            throw new InvalidInputException("version", "must be the version you loaded: 0 before the first save, never negative");
        }
        validate(content);
        // Serialises saves of one postmortem, so the revision check below cannot race (the first save included).
        Incident incident = incidents.lockForUpdate(incidentId);
        Postmortem postmortem = Postmortem.forIncident(incidentId).orElse(null);
        int current = postmortem == null ? 0 : postmortem.revision;
        if (expectedRevision != current) {
            throw new ConflictException("stale-version", expectedRevision > current
                    ? "Postmortem of incident " + incidentId + " is at version " + current + ", not " + expectedRevision
                    : "The postmortem of incident " + incidentId + " was saved by " + postmortem.updatedBy + " at "
                    + postmortem.updatedAt + " (version " + current + ") after you loaded version " + expectedRevision
                    + "; your text was not saved. Reload, merge your changes into the newer text and save again");
        }
        if (postmortem != null && postmortem.content().equals(content)) {
            return new Current(incident, postmortem);
        }
        Instant now = clock.instant();
        if (postmortem == null) {
            postmortem = new Postmortem();
            postmortem.incidentId = incidentId;
            postmortem.createdAt = now;
            postmortem.createdBy = actor;
        }
        postmortem.apply(content, actor, now);
        postmortem.persist();
        PostmortemRevision.of(postmortem).persist();
        return new Current(incident, postmortem);
    }

    /** Every save of the incident's postmortem, newest first. */
    public List<PostmortemRevision> revisions(long incidentId) {
        Current current = current(incidentId);
        return current.postmortem() == null ? List.of() : PostmortemRevision.of(current.postmortem().id);
    }

    private static void validate(Content content) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<Section, String> text : content.texts().entrySet()) {
            if (text.getValue().length() > Section.TEXT_MAX) {
                errors.add(new FieldError(text.getKey().key, "must be at most " + Section.TEXT_MAX + " characters"));
            }
        }
        if (content.usersAffected() != null && content.usersAffected() < 0) {
            errors.add(new FieldError("usersAffected", "must not be negative"));
        }
        if (content.impactMinutes() != null
                && (content.impactMinutes() < 0 || content.impactMinutes() > IMPACT_MINUTES_MAX)) {
            errors.add(new FieldError("impactMinutes", "must be between 0 and " + IMPACT_MINUTES_MAX));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
