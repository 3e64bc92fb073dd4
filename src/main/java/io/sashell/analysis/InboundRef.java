package io.sashell.analysis;

import java.util.List;

import io.sashell.index.EdgeLabel;

/**
 * One object referencing the target, and where: every field or slot of it that holds the target (at most a
 * few slots of a large array are named; {@code moreSlots} counts the rest).
 */
public record InboundRef(ObjectSummary source, List<EdgeLabel> via, long moreSlots, boolean weak) {
    public InboundRef {
        via = List.copyOf(via);
    }
}
