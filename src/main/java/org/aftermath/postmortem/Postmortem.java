package org.aftermath.postmortem;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.aftermath.AuditedEntity;
import org.aftermath.incident.Incident;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The current text of an incident's postmortem. {@code revision} counts the saves and is the version an
 * editor must name to save again; every save is also kept as a {@link PostmortemRevision}.
 */
@Entity
@Table(name = "postmortem")
public class Postmortem extends AuditedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long incidentId;

    /** Section key to text; a section without text is absent. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> sections = new TreeMap<>();

    public Long usersAffected;
    /** Impact duration as typed; null means "derive it from the incident's times". */
    public Integer impactMinutes;

    public int revision;


    /** The hand-written content, without its history: what an editor sends and a revision keeps. */
    public record Content(Map<Section, String> texts, Long usersAffected, Integer impactMinutes) {

        public static final Content EMPTY = new Content(Map.of(), null, null);

        public Content {
            Map<Section, String> kept = new EnumMap<>(Section.class);
            texts.forEach((section, text) -> {
                String normalised = normalise(text);
                if (normalised != null) {
                    kept.put(section, normalised);
                }
            });
            texts = Collections.unmodifiableMap(kept);
        }

        public String text(Section section) {
            return texts.get(section);
        }

        public boolean isWritten(Section section) {
            return texts.containsKey(section);
        }

        /** How long the impact lasted: as typed, or else from the incident's start of impact to its resolution. */
        public Optional<Duration> impactDuration(Incident incident) {
            return impactMinutes != null ? Optional.of(Duration.ofMinutes(impactMinutes)) : incident.timeToResolve();
        }

        Map<String, String> byKey() {
            Map<String, String> byKey = new TreeMap<>();
            texts.forEach((section, text) -> byKey.put(section.key, text));
            return byKey;
        }

        static Content of(Map<String, String> byKey, Long usersAffected, Integer impactMinutes) {
            Map<Section, String> texts = new EnumMap<>(Section.class);
            if (byKey != null) {
                byKey.forEach((key, text) -> Section.byKey(key).ifPresent(section -> texts.put(section, text)));
            }
            return new Content(texts, usersAffected, impactMinutes);
        }

        /** Line endings as Unix, trailing blanks dropped, blank as absent: saving what was loaded changes nothing. */
        private static String normalise(String text) {
            if (text == null) {
                return null;
            }
            String unix = text.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
            String withoutLeadingBlankLines = unix.replaceFirst("^(?:[ \\t]*\\n)+", "");
            return withoutLeadingBlankLines.isBlank() ? null : withoutLeadingBlankLines;
        }
    }

    public Content content() {
        return Content.of(sections, usersAffected, impactMinutes);
    }

    void apply(Content content, String actor, Instant now) {
        sections = content.byKey();
        usersAffected = content.usersAffected();
        impactMinutes = content.impactMinutes();
        revision++;
        touch(actor, now);
    }

    /** The sections among {@code required} that have no text yet, in document order. */
    public static List<Section> missing(Content content, List<Section> required) {
        return required.stream().filter(section -> !content.isWritten(section)).sorted().toList();
    }

    public static Optional<Postmortem> forIncident(long incidentId) {
        return find("incidentId", incidentId).firstResultOptional();
    }
}
