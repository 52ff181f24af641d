package org.aftermath.incident;

import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle and time rules, without a database. */
class IncidentLifecycleTest {

    private static final Instant START = Instant.parse("2023-02-07T16:00:00Z");

    private static Incident declared() {
        return Incident.declare("t", null, Severity.SEV2, START, null, "me", START);
    }

    @ParameterizedTest
    @CsvSource({
            "INVESTIGATING, MITIGATED, true", "INVESTIGATING, RESOLVED, true", "INVESTIGATING, CLOSED, false",
            "MITIGATED, RESOLVED, true", "MITIGATED, INVESTIGATING, false", "MITIGATED, CLOSED, false",
            "RESOLVED, CLOSED, true", "RESOLVED, INVESTIGATING, true", "RESOLVED, MITIGATED, false",
            "CLOSED, INVESTIGATING, false", "CLOSED, RESOLVED, false"})
    void onlyTheDocumentedMovesAreLegal(IncidentStatus from, IncidentStatus to, boolean legal) {
        assertEquals(legal, from.canMoveTo(to));
    }

    @Test
    void anIllegalMoveIsAConflictAndChangesNothing() {
        Incident incident = declared();
        assertThrows(ConflictException.class, () -> incident.moveTo(IncidentStatus.CLOSED, START, "me", START));
        assertEquals(IncidentStatus.INVESTIGATING, incident.status);
    }

    @Test
    void durationsAreMeasuredFromTheStartOfImpact() {
        Incident incident = declared();
        incident.detectedAt = START.plus(Duration.ofMinutes(20));
        incident.moveTo(IncidentStatus.MITIGATED, START.plus(Duration.ofHours(10)), "me", START);
        incident.moveTo(IncidentStatus.RESOLVED, START.plus(Duration.ofHours(24)), "me", START);
        assertEquals(Duration.ofMinutes(20), incident.timeToDetect().orElseThrow());
        assertEquals(Duration.ofHours(10), incident.timeToMitigate().orElseThrow());
        assertEquals(Duration.ofHours(24), incident.timeToResolve().orElseThrow());
    }

    @Test
    void resolvingWithoutMitigationCountsTheResolutionAsMitigation() {
        Incident incident = declared();
        incident.moveTo(IncidentStatus.RESOLVED, START.plus(Duration.ofHours(2)), "me", START);
        assertEquals(Duration.ofHours(2), incident.timeToMitigate().orElseThrow());
    }

    @Test
    void timesThatContradictEachOtherAreRefusedNamingTheField() {
        Incident incident = declared();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> incident.moveTo(IncidentStatus.RESOLVED, START.minusSeconds(1), "me", START));
        assertTrue(e.errors().stream().anyMatch(f -> f.field().equals("resolvedAt")));
    }

    @Test
    void detectionDefaultsToTheStartAndTheStartToNow() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Incident incident = Incident.declare("t", " ", Severity.SEV4, null, null, "me", now);
        assertEquals(now, incident.startedAt);
        assertEquals(now, incident.detectedAt);
        assertEquals(null, incident.summary);
    }
}
