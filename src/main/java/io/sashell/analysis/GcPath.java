package io.sashell.analysis;

import java.util.List;

/** A path from a GC root to an object: the root object, the roots holding it, and the hops in order. */
public record GcPath(ObjectSummary root, List<RootRef> rootKinds, List<PathHop> hops) {
    public GcPath {
        rootKinds = List.copyOf(rootKinds);
        hops = List.copyOf(hops);
    }
}
