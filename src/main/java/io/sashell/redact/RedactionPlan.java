package io.sashell.redact;

/** The ranges of a core to zero and the report describing them; {@link Redactor#write} applies it. */
public final class RedactionPlan {
    private final ZeroRanges.Disjoint ranges;
    private final RedactionReport report;

    RedactionPlan(ZeroRanges.Disjoint ranges, RedactionReport report) {
        this.ranges = ranges;
        this.report = report;
    }

    ZeroRanges.Disjoint ranges() {
        return ranges;
    }

    public RedactionReport report() {
        return report;
    }

    /** Writes every range as a line "file-offset length" (hex offset, decimal length): for experiments. */
    public void writeRanges(java.io.PrintWriter out) {
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
