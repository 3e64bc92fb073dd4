package io.sashell.analysis;

import java.util.List;

/**
 * Who references an object: the referencing objects shown (strong ones first, then Reference objects whose
 * referent it is), their totals, whether the object is itself a GC root, and for a class mirror how many
 * instances of the class hold it through their class (a hidden reference the index does not list one by one).
 */
public record InboundRefsResult(ObjectSummary target, List<RootRef> roots, List<InboundRef> refs, long strongCount,
                                long weakCount, long classInstances, boolean reachable) {
    public InboundRefsResult {
        roots = List.copyOf(roots);
        refs = List.copyOf(refs);
    }
}
