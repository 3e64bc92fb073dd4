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

    /** Number of disjoint file ranges zeroed. */
    public int rangeCount() {
        return ranges.count();
    }
}
