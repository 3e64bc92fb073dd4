package io.sashell.cli.render;

import java.io.PrintWriter;

import io.sashell.jfr.AllocationReport;
import io.sashell.jfr.GcReport;
import io.sashell.jfr.HeapTrend;
import io.sashell.jfr.HotMethodsReport;
import io.sashell.jfr.JfrSummary;
import io.sashell.jfr.LeakReport;
import io.sashell.jfr.RecordingFinder;
import io.sashell.jfr.RulesReport;

/** Prints the answers of the {@code jfr} commands: as text for people, or one JSON document per command. */
public interface JfrRenderer {
    void summary(JfrSummary s);

    /** {@code width}: columns of the terminal; {@code rows}: how many of the last GCs to list (-1: all). */
    void heap(HeapTrend t, int width, int rows);

    void gc(GcReport r);

    void alloc(AllocationReport r);

    void leaks(LeakReport r);

    /** {@code all}: every rule, not only those that fired; {@code explain}: JMC's explanation and solution. */
    void rules(RulesReport r, boolean all, boolean explain);

    void cpu(HotMethodsReport r);

    void threads(HotMethodsReport r);

    void find(RecordingFinder.Search s);

    static JfrRenderer of(PrintWriter out, boolean json) {
        return json ? new JfrJsonRenderer(out) : new JfrTextRenderer(out);
    }

    /** {@code open --redact}: {@code inner} fed results without the strings events carry as data. */
    static JfrRenderer redacting(JfrRenderer inner) {
        return new RedactingJfrRenderer(inner);
    }
}
