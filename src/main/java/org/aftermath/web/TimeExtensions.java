package org.aftermath.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;
import org.aftermath.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Time display for templates: {@code {fmt:local(t)}} in the reader's zone, {@code {fmt:utc(t)}} for hovers. */
@TemplateExtension(namespace = "fmt")
public class TimeExtensions {

    static String local(Instant instant) {
        return reader().format(instant);
    }

    static String utc(Instant instant) {
        return ReaderZone.utc(instant);
    }

    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    static String input(Instant instant) {
        return reader().inputValue(instant);
    }

    static String zone() {
        return reader().zone().getId();
    }

    static String duration(Optional<Duration> duration) {
        return duration.map(Durations::human).orElse("—");
    }

    static String since(Instant instant) {
        return instant == null ? "" : Durations.age(Duration.between(instant, Instant.now()));
    }

    private static ReaderZone reader() {
        return Arc.container().instance(ReaderZone.class).get();
    }
}
