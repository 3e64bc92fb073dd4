package io.sashell.cli.shell;

import java.util.HashMap;
import java.util.Map;

import io.sashell.analysis.HeapQueries;
import io.sashell.analysis.Histogram;
import io.sashell.analysis.HistogramRow;
import io.sashell.jfr.AllocationReport;
import io.sashell.jfr.Allocations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "alloc", description = "Top allocating classes and their stack traces from allocation samples, with "
        + "their live instances in the core.")
final class JfrAllocCommand extends JfrSubcommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "10",
            description = "Show the first N classes (default: ${DEFAULT-VALUE}; -1: all).")
    int limit;

    @Option(names = "--no-live", description = "Skip the live counts from the core (they take a heap walk).")
    boolean noLive;

    @Override
    void run() {
        AllocationReport r = Allocations.of(recording(), limit);
        if (ctx.core() != null && !noLive && !r.top().isEmpty()) {
            r = r.withLive(liveByName());
        }
        renderer().alloc(r);
    }

    /** Instances and bytes per class name in the core, every class loader's class of a name together. */
    private Map<String, long[]> liveByName() {
        Map<String, long[]> live = new HashMap<>();
        for (HistogramRow row : ctx.heap().histogram(null, Histogram.Sort.SIZE, -1, HeapQueries.Engine.WALKER).rows()) {
            long[] v = live.computeIfAbsent(row.className(), k -> new long[2]);
            v[0] += row.count();
            v[1] += row.bytes();
        }
        return live;
    }
}
