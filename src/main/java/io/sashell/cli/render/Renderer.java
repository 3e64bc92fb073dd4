package io.sashell.cli.render;

import java.io.PrintWriter;
import java.util.List;

import io.sashell.analysis.DominatorTreeResult;
import io.sashell.analysis.HistogramResult;
import io.sashell.analysis.RetainedHistogramResult;
import io.sashell.analysis.HistogramDiffResult;
import io.sashell.analysis.MemoryResult;
import io.sashell.analysis.StaticsResult;
import io.sashell.analysis.StringsResult;
import io.sashell.analysis.SuspectsResult;
import io.sashell.analysis.TopObjectsResult;
import io.sashell.analysis.InboundRefsResult;
import io.sashell.analysis.IndexInfoResult;
import io.sashell.analysis.InfoResult;
import io.sashell.analysis.InstancesResult;
import io.sashell.export.ExportResult;
import io.sashell.analysis.LiveHistogramResult;
import io.sashell.analysis.OutboundRefsResult;
import io.sashell.analysis.PathResult;
import io.sashell.analysis.RootsResult;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.StackFacts;

/** Prints results: one method per result kind, as text for people or as one JSON document per command. */
public interface Renderer {
    void info(InfoResult r);

    void threads(List<JavaThreadFacts> threads, long crashingTid);

    void stacks(List<StackFacts> stacks, long crashingTid);

    void histogram(HistogramResult r);

    void instances(InstancesResult r);

    void object(ObjectFacts r);

    void export(ExportResult r);
    /** {@code refs ADDR}: who references an object. */
    void refs(InboundRefsResult r);

    /** {@code refs --out ADDR}: what an object references. */
    void outboundRefs(OutboundRefsResult r);

    void path(PathResult r);

    void roots(RootsResult r);

    void liveHistogram(LiveHistogramResult r);

    /** {@code index}: the heap graph index of the core. */
    void index(IndexInfoResult r);

    /** {@code top}: the biggest objects. */
    void top(TopObjectsResult r);

    /** {@code dominators}: part of the dominator tree. */
    void dominators(DominatorTreeResult r);

    /** {@code histo --retained}. */
    void retainedHistogram(RetainedHistogramResult r);

    void statics(StaticsResult r);

    /** {@code suspects}: a readable report in text. */
    void suspects(SuspectsResult r);

    /** {@code strings}: Strings by content or duplicated values. */
    void strings(StringsResult r);

    /** {@code memory}: the process's memory by kind. */
    void memory(MemoryResult r);

    /** {@code diff CORE_B}: growth by class. */
    void diff(HistogramDiffResult r);

    /** {@code report -o FILE}: the HTML file written. */
    void report(io.sashell.report.ReportResult r);

    static Renderer text(PrintWriter out) {
        return new TextRenderer(out);
    }

    static Renderer json(PrintWriter out) {
        return new JsonRenderer(out);
    }

    /** {@code inner}, printing every result as if the core were redacted ({@code open --redact}). */
    static Renderer redacting(Renderer inner) {
        return new RedactingRenderer(inner);
    }

    static String hex(long address) {
        return String.format("0x%x", address);
    }
}
