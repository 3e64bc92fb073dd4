package io.sashell.analysis;

import java.util.List;

import io.sashell.sa.RootKind;

/**
 * The GC roots: counts per kind (objects, and distinct threads for thread-held kinds), the rows shown (of the
 * chosen kind, or all), and the problems met while collecting them.
 */
public record RootsResult(List<KindCount> counts, List<RootRow> shown, long matched, RootKind kind,
                          List<String> problems) {
    public RootsResult {
        counts = List.copyOf(counts);
        shown = List.copyOf(shown);
        problems = List.copyOf(problems);
    }

    /** Roots of one kind: how many, on how many distinct objects, from how many threads. */
    public record KindCount(RootKind kind, long roots, long objects, long threads) {
    }
}
