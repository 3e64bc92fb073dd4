package io.sashell.analysis;

import io.sashell.index.IndexedRoot;
import io.sashell.sa.RootKind;

/** One GC root holding an object: its kind, where it lives, and for thread roots the thread's name. */
public record RootRef(RootKind kind, String description, String threadName) {

    static RootRef of(IndexedRoot r) {
        return new RootRef(r.kind(), r.description(), r.threadName());
    }
}
