package org.aftermath.postmortem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The hand-written sections of a postmortem, in document order (after the Google SRE and PagerDuty templates). */
public enum Section {
    SUMMARY("summary", "Summary", "What happened, in two or three sentences a newcomer understands."),
    IMPACT("impact", "Impact", "Who or what was affected, and how badly."),
    TRIGGER("trigger", "Trigger", "What set it off."),
    ROOT_CAUSE("rootCause", "Root cause / contributing factors", "Why it could happen and why it lasted."),
    DETECTION("detection", "Detection", "How and when we noticed; how we could notice sooner."),
    MITIGATION("mitigation", "Mitigation", "What we did to limit the damage."),
    RESOLUTION("resolution", "Resolution", "What ended it."),
    WENT_WELL("wentWell", "What went well", ""),
    WENT_WRONG("wentWrong", "What went wrong", ""),
    GOT_LUCKY("gotLucky", "Where we got lucky", ""),
    LESSONS_LEARNED("lessonsLearned", "Lessons learned", "");

    /** Longest text one section may hold; a postmortem is prose, not a log dump. */
    public static final int TEXT_MAX = 50_000;

    /** Name in JSON, forms and configuration. */
    public final String key;
    public final String heading;
    public final String hint;

    Section(String key, String heading, String hint) {
        this.key = key;
        this.heading = heading;
        this.hint = hint;
    }

    public static Optional<Section> byKey(String key) {
        for (Section section : values()) {
            if (section.key.equals(key)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a configured list of keys ("summary, rootCause"); blank or {@code none} means no section.
     *
     * @throws IllegalArgumentException naming an unknown key, so a typo in the configuration stops the start
     */
    public static List<Section> parseKeys(List<String> keys) {
        List<Section> sections = new ArrayList<>();
        for (String raw : keys) {
            String key = raw == null ? "" : raw.strip();
            if (key.isEmpty() || key.equalsIgnoreCase("none")) {
                continue;
            }
            Section section = byKey(key).orElseThrow(() -> new IllegalArgumentException("Unknown postmortem section '"
                    + key + "'; known: " + keys()));
            if (!sections.contains(section)) {
                sections.add(section);
            }
        }
        return List.copyOf(sections);
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(s -> s.key).toList();
    }
}
