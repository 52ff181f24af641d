package org.aftermath;

import java.time.Duration;

/** How durations read to people: "24 h 0 min", "35 min", "40 s". */
public final class Durations {

    private Durations() {
    }

    /** How long something has been going on, coarser as it gets older: "35 min", "5 h 12 min", "3 d 4 h". */
    public static String age(Duration duration) {
        if (duration == null) {
            return "";
        }
        long hours = duration.toHours();
        return hours >= 48 ? hours / 24 + " d " + hours % 24 + " h" : human(duration);
    }

    public static String human(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.getSeconds();
        String sign = seconds < 0 ? "-" : "";
        seconds = Math.abs(seconds);
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        if (hours > 0) {
            return sign + hours + " h " + minutes + " min";
        }
        if (minutes > 0 || seconds == 0) {
            return sign + minutes + " min";
        }
        return sign + seconds + " s";
    }
}
