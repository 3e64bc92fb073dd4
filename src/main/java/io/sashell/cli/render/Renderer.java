package io.sashell.cli.render;

import java.io.PrintWriter;
import java.util.List;

import io.sashell.analysis.HistogramResult;
import io.sashell.analysis.InfoResult;
import io.sashell.analysis.InstancesResult;
import io.sashell.export.ExportResult;
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
