package io.sashell.analysis;

import io.sashell.index.EdgeLabel;

/** One reference an object holds: where, and to what ({@code target} null when no object starts there). */
public record OutboundRef(EdgeLabel via, long address, ObjectSummary target) {
}
