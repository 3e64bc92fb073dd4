package io.sashell.analysis;

import java.util.List;

/** {@code top}: the biggest objects by retained or shallow size. */
public record TopObjectsResult(String by, List<RetainedObject> rows, long reachableBytes, long reachableObjects) {
    public TopObjectsResult {
        rows = List.copyOf(rows);
    }
}
