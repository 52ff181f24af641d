package org.aftermath.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/** What a channel can be told about; the ids are the names rules and webhooks use. */
public enum NotifyEvent {
    DECLARED("declared"),
    SEVERITY_CHANGED("severity-changed"),
    STATUS_CHANGED("status-changed"),
    /** Fired by the status page's public updates. */
    PUBLIC_UPDATE("public-update"),
    RUN_AWAITING_CONFIRMATION("run-awaiting-confirmation"),
    RUN_FAILED("run-failed"),
    FOLLOW_UP_OVERDUE("follow-up-overdue"),
    /** The admin page's "send test": goes to one channel whatever its rules. */
    TEST("test");

    public final String id;

    NotifyEvent(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The events a rule may name (everything but the test). */
    public static List<NotifyEvent> selectable() {
        return Arrays.stream(values()).filter(e -> e != TEST).toList();
    }

    public static List<String> selectableIds() {
        return selectable().stream().map(NotifyEvent::id).toList();
    }

    @JsonCreator
    public static NotifyEvent parse(String value) {
        if (value != null) {
            for (NotifyEvent event : selectable()) {
                if (event.id.equalsIgnoreCase(value.strip())) {
                    return event;
                }
            }
        }
        throw new IllegalArgumentException("unknown event");
    }
}
