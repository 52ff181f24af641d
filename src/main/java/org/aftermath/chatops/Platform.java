package org.aftermath.chatops;

/** The chat systems whose slash commands Aftermath answers; they differ in how they sign and format. */
public enum Platform {
    SLACK("Slack"), MATTERMOST("Mattermost");

    public final String displayName;

    Platform(String displayName) {
        this.displayName = displayName;
    }

    /** The timeline's source for actions from this platform, e.g. {@code slack}. */
    public String source() {
        return name().toLowerCase();
    }

    /** A link in the platform's own markup. */
    public String link(String url, String text) {
        return this == SLACK ? "<" + url + "|" + escape(text) + ">" : "[" + text.replace("]", "\\]") + "](" + url + ")";
    }

    public String bold(String text) {
        return this == SLACK ? "*" + escape(text) + "*" : "**" + text + "**";
    }

    /** Text people typed, made safe to show: Slack reads {@code <…>} as links and mentions. */
    public String escape(String text) {
        if (text == null) {
            return "";
        }
        return this == SLACK ? text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") : text;
    }

    public static Platform parse(String value) {
        if (value == null) {
            return null;
        }
        for (Platform platform : values()) {
            if (platform.name().equalsIgnoreCase(value.strip())) {
                return platform;
            }
        }
        return null;
    }
}
