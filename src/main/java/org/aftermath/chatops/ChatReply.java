package org.aftermath.chatops;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON both platforms expect back: only the invoker sees an ephemeral reply, the channel sees in_channel. */
public record ChatReply(@JsonProperty("response_type") String responseType, String text) {

    public static final String EPHEMERAL = "ephemeral";
    public static final String IN_CHANNEL = "in_channel";

    public static ChatReply ephemeral(String text) {
        return new ChatReply(EPHEMERAL, text);
    }

    public static ChatReply inChannel(String text) {
        return new ChatReply(IN_CHANNEL, text);
    }
}
