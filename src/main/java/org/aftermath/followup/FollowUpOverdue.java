package org.aftermath.followup;

/**
 * A follow-up fell overdue and is announced, once per due date: fired inside the transaction that marks it
 * announced, so a synchronous observer's writes commit (or roll back) with the mark. {@code version} is the
 * follow-up's version then: only an edit (a new due date, a reopening) leads to another announcement, so
 * follow-up id and version name this one.
 */
public record FollowUpOverdue(long followUpId, long version, long incidentId, String text) {
}
