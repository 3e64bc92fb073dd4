package io.sashell.analysis;

import java.util.List;

/**
 * Paths from GC roots to an object, shortest first; none when it is unreachable, and then {@code unreachable}
 * says why. {@code notes} say what may make the answer incomplete (heap damage, roots that could not be read).
 */
public record PathResult(ObjectSummary target, boolean weak, List<GcPath> paths, String unreachable,
                         List<String> notes) {
    public PathResult {
        paths = List.copyOf(paths);
        notes = List.copyOf(notes);
    }
}
