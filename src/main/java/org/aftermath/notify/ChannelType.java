package org.aftermath.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a channel delivers to; each type has its own message shape (see {@link ChannelSender}). */
public enum ChannelType {
    NTFY("ntfy"), EMAIL("email"), WEBHOOK("webhook"), SLACK("slack"), MATTERMOST("mattermost");

    public final String id;

    ChannelType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The URL is the secret for chat incoming webhooks: only its host is ever shown. */
    public boolean urlIsSecret() {
        return this == SLACK || this == MATTERMOST;
    }

    @JsonCreator
    public static ChannelType parse(String value) {
        if (value == null) {
            return null;
        }
        for (ChannelType type : values()) {
            if (type.id.equalsIgnoreCase(value.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown channel type");
    }
}
