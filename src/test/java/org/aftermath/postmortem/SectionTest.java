package org.aftermath.postmortem;

import org.aftermath.InvalidInputException;
import org.aftermath.incident.Incident;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section keys in configuration, the close rule switched off, and durations typed in the editor. */
class SectionTest {

    @Test
    void requiredSectionsAreReadFromConfiguredKeys() {
        assertEquals(List.of(Section.SUMMARY, Section.ROOT_CAUSE), Section.parseKeys(List.of("summary", " rootCause ")));
        assertEquals(List.of(), Section.parseKeys(List.of("none")));
        assertEquals(List.of(), Section.parseKeys(List.of("")));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> Section.parseKeys(List.of("rootcause")));
        assertTrue(typo.getMessage().contains("rootCause"), "names the known keys: " + typo.getMessage());
    }

    @Test
    void withNothingRequiredEveryIncidentMayClose() {
        Incident incident = new Incident();
        incident.id = 42L;
        assertEquals(List.of(), new PostmortemCloseGuard(List.of()).objectionsToClosing(incident));
    }

    @Test
    void missingSectionsComeInDocumentOrder() {
        Postmortem.Content content = new Postmortem.Content(java.util.Map.of(Section.TRIGGER, "t", Section.SUMMARY, "  "),
                null, null);
        assertEquals(List.of(Section.SUMMARY, Section.ROOT_CAUSE),
                Postmortem.missing(content, List.of(Section.ROOT_CAUSE, Section.TRIGGER, Section.SUMMARY)));
    }

    @Test
    void impactDurationsAreTypedAsPeopleWriteThem() {
        assertEquals(1440, PostmortemForm.minutes("24 h 0 min"));
        assertEquals(1440, PostmortemForm.minutes("24h"));
        assertEquals(90, PostmortemForm.minutes("90 min"));
        assertEquals(90, PostmortemForm.minutes("1 h 30 min"));
        assertEquals(45, PostmortemForm.minutes("45"));
        assertNull(PostmortemForm.minutes(" "));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PostmortemForm.minutes("a day"));
        assertEquals("impactDuration", e.errors().get(0).field());
    }
}
