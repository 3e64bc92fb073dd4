package io.sashell.index;

import java.util.Objects;

import io.sashell.sa.RootKind;

/**
 * A GC root the index resolved to an object: its id and address, its kind, where it lives, and for thread
 * roots the thread's name and {@code java.lang.Thread} object (empty and 0 otherwise).
 */
public record IndexedRoot(int id, long address, RootKind kind, String description, String threadName,
                          long threadObject) {
    public IndexedRoot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(threadName, "threadName");
    }
}
