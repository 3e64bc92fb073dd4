package io.sashell.report;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import io.sashell.analysis.DominatorTree;
import io.sashell.analysis.InfoResult;
import io.sashell.analysis.MemoryResult;
import io.sashell.index.HeapIndex;
import io.sashell.jfr.HeapTrend;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.StackFacts;

/**
 * What the shell hands the report: the answers it already has ({@code info}, {@code bt}, {@code memory}, the
 * graph index with its dominator tree, the recording's heap trend or why there is none), and how to read an
 * object's fields ({@code inspect}; empty when the object cannot be read).
 *
 * @param trend null when no recording was found or it could not be read; {@code trendNote} says which
 */
public record ReportInputs(String core, InfoResult info, List<StackFacts> stacks, HeapIndex index, DominatorTree tree,
                           MemoryResult memory, HeapTrend trend, String recording, String trendNote,
                           LongFunction<Optional<ObjectFacts>> inspector) {
    public ReportInputs {
        stacks = List.copyOf(stacks);
    }
}
