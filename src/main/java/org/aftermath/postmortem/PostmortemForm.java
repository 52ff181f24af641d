package org.aftermath.postmortem;

import org.aftermath.Durations;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.postmortem.Postmortem.Content;
import org.aftermath.web.FormReader;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestForm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The postmortem editor as the browser posts it: one textarea per section, the impact figures, the version read. */
public record PostmortemForm(@RestForm String summary, @RestForm String impact, @RestForm String trigger,
                             @RestForm String rootCause, @RestForm String detection, @RestForm String mitigation,
                             @RestForm String resolution, @RestForm String wentWell, @RestForm String wentWrong,
                             @RestForm String gotLucky, @RestForm String lessonsLearned,
                             @RestForm String usersAffected, @RestForm String impactDuration,
                             @RestForm String version) {

    private static final Pattern HOURS_MINUTES = Pattern.compile(
            "(?:(\\d{1,6})\\s*h(?:ours?)?)?\\s*(?:(\\d{1,9})\\s*m(?:in(?:utes?)?)?)?", Pattern.CASE_INSENSITIVE);

    /** One section's field in the editor; {@code saved} is the stored text, shown when an edit conflicted. */
    public record Field(Section section, String value, String saved, boolean differs) {
    }

    static PostmortemForm of(PostmortemService.Current current) {
        Content c = current.content();
        return new PostmortemForm(text(c, Section.SUMMARY), text(c, Section.IMPACT), text(c, Section.TRIGGER),
                text(c, Section.ROOT_CAUSE), text(c, Section.DETECTION), text(c, Section.MITIGATION),
                text(c, Section.RESOLUTION), text(c, Section.WENT_WELL), text(c, Section.WENT_WRONG),
                text(c, Section.GOT_LUCKY), text(c, Section.LESSONS_LEARNED),
                c.usersAffected() == null ? "" : c.usersAffected().toString(),
                c.impactMinutes() == null ? "" : Durations.human(Duration.ofMinutes(c.impactMinutes())),
                Integer.toString(current.revision()));
    }

    PostmortemForm withVersion(int revision) {
        return new PostmortemForm(summary, impact, trigger, rootCause, detection, mitigation, resolution, wentWell,
                wentWrong, gotLucky, lessonsLearned, usersAffected, impactDuration, Integer.toString(revision));
    }

    public String text(Section section) {
        String value = switch (section) {
            case SUMMARY -> summary;
            case IMPACT -> impact;
            case TRIGGER -> trigger;
            case ROOT_CAUSE -> rootCause;
            case DETECTION -> detection;
            case MITIGATION -> mitigation;
            case RESOLUTION -> resolution;
            case WENT_WELL -> wentWell;
            case WENT_WRONG -> wentWrong;
            case GOT_LUCKY -> gotLucky;
            case LESSONS_LEARNED -> lessonsLearned;
        };
        return value == null ? "" : value;
    }

    /** Every section with what the form holds and what is saved. */
    List<Field> fields(Content saved) {
        Content typed = new Content(texts(), null, null);
        return Arrays.stream(Section.values()).map(s -> new Field(s, text(s),
                saved.text(s) == null ? "" : saved.text(s), !Objects.equals(typed.text(s), saved.text(s)))).toList();
    }

    /**
     * @throws InvalidInputException with a message per bad field
     */
    Content toContent(ReaderZone zone) {
        FormReader read = new FormReader(zone);
        Long users = read.number("usersAffected", usersAffected);
        read.number("version", version);
        List<FieldError> errors = new ArrayList<>();
        Integer minutes = null;
        try {
            read.requireValid();
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        try {
            minutes = minutes(impactDuration);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Content(texts(), users, minutes);
    }

    long expectedVersion(ReaderZone zone) {
        Long read = new FormReader(zone).number("version", version);
        return read == null ? 0 : read;
    }

    private Map<Section, String> texts() {
        Map<Section, String> texts = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            texts.put(section, text(section));
        }
        return texts;
    }

    /** "24 h 0 min", "24h", "90 min" or "90" (minutes); blank means "derive it from the incident". */
    static Integer minutes(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String value = typed.strip();
        if (value.matches("\\d{1,9}")) {
            return Integer.valueOf(value);
        }
        Matcher m = HOURS_MINUTES.matcher(value);
        if (m.matches() && (m.group(1) != null || m.group(2) != null)) {
            long minutes = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 60)
                    + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
            if (minutes <= PostmortemService.IMPACT_MINUTES_MAX) {
                return (int) minutes;
            }
        }
        throw new InvalidInputException("impactDuration", "must be a duration such as 24 h 0 min, 90 min or 2 h");
    }

    private static String text(Content content, Section section) {
        String text = content.text(section);
        return text == null ? "" : text;
    }
}
