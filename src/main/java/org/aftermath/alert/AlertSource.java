package org.aftermath.alert;

/** Who sends alerts; the name is the actor of what they record and the prefix of their groups' keys. */
public enum AlertSource {
    ALERTMANAGER("alertmanager"), UPTIME_KUMA("uptime-kuma");

    public final String id;

    AlertSource(String id) {
        this.id = id;
    }
}
