package io.sashell.cli.shell;

import io.sashell.analysis.HeapQueries;
import io.sashell.analysis.Histogram;
import io.sashell.analysis.IteratedHistogram;
import io.sashell.analysis.LiveHistogram;
import io.sashell.analysis.RetainedHistogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "histo", aliases = {"findjsobjects", "jhisto"},
        description = {"Classes by instance count and shallow bytes; one row per loaded class.",
            "Counts what the JVM's own histogram (jcmd GC.class_histogram -all) counts: every object in the heap;"
                + " on generational ZGC, whose own iteration marks from the roots, the objects reachable through"
                + " any reference (weak ones and referents included) from any root (from the heap graph index)."})
final class HistoCommand extends ShellCommand {
    @Parameters(arity = "0..1", paramLabel = "PATTERN",
            description = "Only classes whose name contains PATTERN (or matches it as a regex).")
    String pattern;

    @Option(names = "-n", paramLabel = "N", description = "Show the first N rows (default: ${DEFAULT-VALUE}; -1: all).",
            defaultValue = "40")
    long limit;

    @Option(names = "--sort", paramLabel = "KEY", description = "size or count (default: ${DEFAULT-VALUE}).",
            defaultValue = "size")
    String sort;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "walker (sa-shell's own heap walk) or sa (the Serviceability Agent's); default: ${DEFAULT-VALUE}.",
            defaultValue = "walker")
    String engine;

    @Option(names = "--live", description = "Reachable objects only, beside all (from the heap graph index).")
    boolean live;

    @Option(names = "--pages", description = "Every object the heap walk finds, dead ones and TLAB fillers too,"
            + " without the index: on generational ZGC more than histo counts; elsewhere the same.")
    boolean pages;

    @Option(names = "--retained", description = "Per class, the retained size of the set of all its reachable"
            + " instances (from the dominator tree), biggest first.")
    boolean retained;

    @Override
    void run() {
        Histogram.Sort s = ShellArgs.choice("--sort", sort, Histogram.Sort.class);
        if (retained) {
            var index = GraphArgs.index(ctx);
            ctx.renderer().retainedHistogram(RetainedHistogram.of(index, AnswersArgs.tree(ctx), pattern, limit));
            return;
        }
        if (live) {
            ctx.renderer().liveHistogram(LiveHistogram.of(GraphArgs.index(ctx), pattern, s, limit));
            return;
        }
        HeapQueries.Engine e = ShellArgs.choice("--engine", engine, HeapQueries.Engine.class);
        var walked = ctx.heap().histogram(pattern, s, limit, e);
        if (e == HeapQueries.Engine.WALKER && !pages && ctx.heap().zgcPages() && walked.engine().equals("walker")) {
            // ZGC's own iteration marks from the roots: without the graph, say that the pages hold more.
            walked = ctx.graph().isPresent() ? IteratedHistogram.of(GraphArgs.index(ctx), walked, pattern, s, limit)
                    : IteratedHistogram.pagesOnly(walked);
        }
        ctx.renderer().histogram(walked);
    }
}
