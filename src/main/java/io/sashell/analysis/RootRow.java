package io.sashell.analysis;

/** One GC root as {@code roots} lists it. */
public record RootRow(RootRef root, ObjectSummary object) {
}
