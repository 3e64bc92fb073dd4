package io.sashell.redact;

import java.io.PrintWriter;

/** The ranges of a core to zero and the report describing them; {@link Redactor#write} applies it. */
public final class RedactionPlan {
    private final ZeroRanges.Disjoint ranges;
    private final RedactionReport report;
    private final String timings;

    RedactionPlan(ZeroRanges.Disjoint ranges, RedactionReport report, String timings) {
        this.ranges = ranges;
        this.report = report;
        this.timings = timings;
    }

    /** Where planning spent its time, for --verbose (not part of the report, which stays the same run to run). */
    public String timings() {
        return timings;
    }

    ZeroRanges.Disjoint ranges() {
        return ranges;
    }

    public RedactionReport report() {
        return report;
    }

    /** Writes every range as a line "file-offset length" (hex offset, decimal length): for experiments. */
    public void writeRanges(PrintWriter out) {
        for (int i = 0; i < ranges.count(); i++) {
            out.printf("%x %d%n", ranges.starts()[i], ranges.ends()[i] - ranges.starts()[i]);
        }
        out.flush();
    }

    /** Number of disjoint file ranges zeroed. */
    public int rangeCount() {
        return ranges.count();
    }
}
