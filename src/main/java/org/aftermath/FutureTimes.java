package org.aftermath;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.InvalidInputException.FieldError;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one rule for times people give (when impact started, when a note happened, when a step finished): not
 * in the future. A time in 2030 would show a negative age, sort last for ever and wreck the durations. The
 * server clock decides, with {@code aftermath.times.max-clock-skew} of slack for a browser or laptop running ahead.
 */
@ApplicationScoped
public class FutureTimes {

    @ConfigMapping(prefix = "aftermath.times")
    public interface Settings {
        /** How far ahead of the server clock a time may be and still count as "now". */
        @WithDefault("PT5M")
        Duration maxClockSkew();
    }

    private final Clock clock;
    private final Duration skew;

    FutureTimes(Clock clock, Settings settings) {
        this.clock = clock;
        this.skew = settings.maxClockSkew();
        if (skew.isNegative()) {
            throw new IllegalStateException("aftermath.times.max-clock-skew must not be negative, was " + skew);
        }
    }

    /** Starts a check of one use case's times; {@link Check#require()} then refuses every one that is too late. */
    public Check check() {
        return new Check(clock.instant().plus(skew));
    }

    /** The times of one request, each with the JSON and form field it came from and the words people see for it. */
    public final class Check {

        private final Instant latest;
        private final List<FieldError> errors = new ArrayList<>();

        private Check(Instant latest) {
            this.latest = latest;
        }

        /** Checks {@code time}, if there is one; {@code label} starts the message ("Impact started"). */
        public Check time(String field, String label, Instant time) {
            if (time != null && time.isAfter(latest)) {
                errors.add(new FieldError(field, label + " must not be in the future (more than " + words(skew)
                        + " ahead of the server clock)"));
            }
            return this;
        }

        /** Checks a change to a time only: a time already stored is left to whoever stored it. */
        public Check changed(String field, String label, Instant before, Change<Instant> change) {
            return change.present() && !Objects.equals(before, change.value()) ? time(field, label, change.value()) : this;
        }

        /** @throws InvalidInputException naming each field whose time lies too far ahead */
        public void require() {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
    }

    /** "5 minutes", "1 hour", "30 seconds", "0 seconds". */
    static String words(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
