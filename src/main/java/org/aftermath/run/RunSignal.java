package org.aftermath.run;

/**
 * A LISTEN/NOTIFY message about a run, as received by this instance (it may come from another one):
 * {@code output} (a chunk with sequence {@code seq} was stored), {@code state}, {@code queued} or
 * {@code cancel}. The payload is only ids; what changed is read from the tables.
 */
public record RunSignal(Kind kind, long runId, int seq) {

    public enum Kind { OUTPUT, STATE, QUEUED, CANCEL, RESYNC }

    public static final String CHANNEL = org.aftermath.database.PgNotifications.RUNS;

    String payload() {
        return kind.name().toLowerCase() + " " + runId + (kind == Kind.OUTPUT ? " " + seq : "");
    }

    /** Parses a payload; null for anything this version does not understand. */
    public static RunSignal parse(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(" ");
        try {
            Kind kind = Kind.valueOf(parts[0].toUpperCase());
            return new RunSignal(kind, Long.parseLong(parts[1]), parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Said when this instance may have missed messages (its listening connection was re-opened). */
    public static RunSignal resync() {
        return new RunSignal(Kind.RESYNC, 0, 0);
    }
}
