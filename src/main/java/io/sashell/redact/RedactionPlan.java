package io.sashell.redact;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The ranges of a core to zero and the report describing them; {@link Redactor#write} applies it. */
public final class RedactionPlan {
    private final ZeroRanges.Disjoint ranges;
    private final RedactionReport report;
    private final String timings;
    private final List<byte[]> needles;

    RedactionPlan(ZeroRanges.Disjoint ranges, RedactionReport report, List<byte[]> needles, String timings) {
        this.ranges = ranges;
        this.report = report;
        this.needles = List.copyOf(needles);
        this.timings = timings;
    }

    /**
     * The process's arguments and environment strings (each whole, each word, each value after {@code =}; 6
     * bytes or more) as found at the top of the core's main stack, each byte one char (ISO-8859-1): what the
     * files that travel with a redacted core ({@link HsErrScrubber}, {@link JfrScrubber}) must not hold either.
     * Secrets: keep them in memory only.
     */
    public List<String> processStrings() {
        return needles.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
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
