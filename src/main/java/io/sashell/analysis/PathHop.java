package io.sashell.analysis;

import io.sashell.index.EdgeLabel;

/** One step of a path: {@code from} holds {@code to} in {@code via}. */
public record PathHop(ObjectSummary from, EdgeLabel via, ObjectSummary to) {
}
