package org.aftermath.dashboard;

import org.aftermath.Durations;
import org.aftermath.incident.Severity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Geometry of a grouped bar chart (one group per month, one bar per severity with data), computed here so
 * the template only draws rectangles: the page gets an SVG with no chart library in the browser.
 */
public record BarChart(String title, int width, int height, List<Group> groups, List<Tick> ticks, boolean empty) {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 64;
    static final int BOTTOM = 36;
    static final int TOP = 16;

    public record Bar(Severity severity, double x, double y, double width, double height, String label, long count) {
        public String cssClass() {
            return "bar bar-" + severity.name().toLowerCase();
        }
    }

    public record Group(String month, double labelX, List<Bar> bars) {
    }

    public record Tick(double y, String label) {
    }

    /** {@code values}: month label → severity → (mean seconds, number of incidents), months in order. */
    static BarChart of(String title, Map<String, Map<Severity, MeanOf>> values) {
        if (values.isEmpty()) {
            return new BarChart(title, WIDTH, HEIGHT, List.of(), List.of(), true);
        }
        double max = values.values().stream().flatMap(m -> m.values().stream())
                .mapToDouble(MeanOf::seconds).max().orElse(0);
        // All zero (everything detected the moment it started) still draws, against a one-minute scale.
        double scaleMax = niceCeiling(Math.max(max, 60));
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double groupWidth = (double) (WIDTH - LEFT) / values.size();
        List<Group> groups = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, Map<Severity, MeanOf>> month : values.entrySet()) {
            double groupX = LEFT + index * groupWidth;
            List<Bar> bars = new ArrayList<>();
            int present = month.getValue().size();
            double barWidth = Math.min(28, (groupWidth - 12) / Math.max(present, 1));
            double start = groupX + (groupWidth - barWidth * present) / 2;
            int slot = 0;
            for (Severity severity : Severity.values()) {
                MeanOf mean = month.getValue().get(severity);
                if (mean == null) {
                    continue;
                }
                double h = Math.max(1, plotHeight * mean.seconds() / scaleMax);
                bars.add(new Bar(severity, round(start + slot * barWidth), round(TOP + plotHeight - h),
                        round(barWidth - 2), round(h),
                        month.getKey() + " " + severity + ": " + Durations.human(Duration.ofSeconds((long) mean.seconds()))
                                + " (" + mean.count() + " incident" + (mean.count() == 1 ? "" : "s") + ")",
                        mean.count()));
                slot++;
            }
            groups.add(new Group(month.getKey(), round(groupX + groupWidth / 2), bars));
            index++;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double value = scaleMax * i / 4;
            ticks.add(new Tick(round(TOP + plotHeight - plotHeight * i / 4), tickLabel((long) value)));
        }
        return new BarChart(title, WIDTH, HEIGHT, groups, ticks, false);
    }

    public int plotBottom() {
        return HEIGHT - BOTTOM;
    }

    public int plotLeft() {
        return LEFT;
    }

    public int labelY() {
        return HEIGHT - BOTTOM + 18;
    }

    /** Axis labels stay short: "24 h", "1 h 30 min", "45 min". */
    static String tickLabel(long seconds) {
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return Durations.human(Duration.ofSeconds(seconds));
    }

    /** A mean over some incidents. */
    record MeanOf(double seconds, long count) {
    }

    /** Rounds up to 1, 2 or 5 times a power of ten of hours or minutes, so ticks read well. */
    static double niceCeiling(double seconds) {
        double unit = seconds >= 3600 ? 3600 : 60;
        double inUnits = seconds / unit;
        double magnitude = Math.pow(10, Math.floor(Math.log10(inUnits)));
        for (double step : new double[] {1, 2, 4, 5, 10}) {
            if (step * magnitude >= inUnits) {
                return step * magnitude * unit;
            }
        }
        return 10 * magnitude * unit;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
