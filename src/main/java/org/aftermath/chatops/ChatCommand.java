package org.aftermath.chatops;

import org.aftermath.incident.Severity;
import org.aftermath.security.Role;
import org.aftermath.status.PublicStatus;

import java.util.Map;

/** What a slash command asks for, as {@link ChatCommandParser} understood it. */
public sealed interface ChatCommand {

    /** The weakest role that may do it; null means anyone, even a chat account not linked to a user. */
    Role needs();

    /** Whether a repeated delivery must get the first answer instead of doing it again. */
    default boolean changesState() {
        return true;
    }

    /** Help, possibly because the text named no known command ({@code problem} says why). */
    record Help(String problem) implements ChatCommand {
        public Role needs() {
            return null;
        }

        public boolean changesState() {
            return false;
        }
    }

    /** A known command used wrongly: {@code name} is the command, {@code message} what is wrong. */
    record Usage(String name, String message) implements ChatCommand {
        public Role needs() {
            return null;
        }

        public boolean changesState() {
            return false;
        }
    }

    record Declare(Severity severity, String title) implements ChatCommand {
        public Role needs() {
            return Role.RESPONDER;
        }
    }

    record ListOpen() implements ChatCommand {
        public Role needs() {
            return null;
        }

        public boolean changesState() {
            return false;
        }
    }

    /** One incident, or (without an id) every open one. */
    record Status(Long incidentId) implements ChatCommand {
        public Role needs() {
            return null;
        }

        public boolean changesState() {
            return false;
        }
    }

    /** A note, back-dated when {@code at} is given. */
    record Note(long incidentId, String text, ChatTime at) implements ChatCommand {
        Note(long incidentId, String text) {
            this(incidentId, text, null);
        }

        public Role needs() {
            return Role.RESPONDER;
        }
    }

    /** Someone takes the incident (one an alert opened, say): a key timeline entry says who. */
    record Ack(long incidentId) implements ChatCommand {
        public Role needs() {
            return Role.RESPONDER;
        }
    }

    record ChangeSeverity(long incidentId, Severity severity) implements ChatCommand {
        public Role needs() {
            return Role.RESPONDER;
        }
    }

    /** Marks the incident mitigated now, or {@code at} the time given. */
    record Mitigated(long incidentId, ChatTime at) implements ChatCommand {
        Mitigated(long incidentId) {
            this(incidentId, null);
        }

        public Role needs() {
            return Role.RESPONDER;
        }
    }

    /** Resolves the incident now, or {@code at} the time given. */
    record Resolve(long incidentId, ChatTime at) implements ChatCommand {
        Resolve(long incidentId) {
            this(incidentId, null);
        }

        public Role needs() {
            return Role.RESPONDER;
        }
    }

    /** A public update for the status page; without a status word the last update's status carries on. */
    record PublicUpdate(long incidentId, PublicStatus status, String text) implements ChatCommand {
        public Role needs() {
            return Role.RESPONDER;
        }
    }

    /** Replaces the incident's impacts: service slug to impact word, in the order typed; empty clears them. */
    record Impacts(long incidentId, Map<String, String> impacts) implements ChatCommand {
        public Role needs() {
            return Role.RESPONDER;
        }
    }

    record FollowUp(long incidentId, String title) implements ChatCommand {
        public Role needs() {
            return Role.RESPONDER;
        }
    }

    record Runbooks() implements ChatCommand {
        public Role needs() {
            return Role.VIEWER;
        }

        public boolean changesState() {
            return false;
        }
    }

    /** Starts a runbook; a plan (dry run) unless {@code execute}. */
    record Run(long incidentId, String runbook, Map<String, String> params, boolean execute) implements ChatCommand {
        public Role needs() {
            return Role.OPERATOR;
        }
    }

    record Confirm(long runId) implements ChatCommand {
        public Role needs() {
            return Role.OPERATOR;
        }
    }

    /** Asks for a one-time code; deduplicated so a retried delivery shows the same code. */
    record Link() implements ChatCommand {
        public Role needs() {
            return null;
        }
    }
}
