package org.aftermath.chatops;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What chat needs from the runbook engine ({@link EngineRunbooks} adapts it). Chat has already checked the caller's role; the
 * engine still owns every rule about runs (unknown runbook, missing parameters, what may be confirmed) and
 * reports them with the usual NotFoundException, InvalidInputException or ConflictException, whose messages
 * are shown to the person in chat. Calls happen outside any chat transaction.
 */
public interface RunbookGateway {

    record RunbookInfo(String slug, String title) {
    }

    List<RunbookInfo> list();

    /** Starts a run (a plan unless {@code execute}) and returns its id at once; it finishes later. */
    long start(long incidentId, String slug, Map<String, String> params, boolean execute, String actor, String source);

    /** Confirms a planned run so it executes; returns the id of the run whose end chat should report. */
    long confirm(long runId, String actor, String source);

    /** A few lines on how a finished run went, with each step's exit code, for the chat that started it. */
    Optional<String> summary(long runId);
}
