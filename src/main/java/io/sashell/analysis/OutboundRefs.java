package io.sashell.analysis;

import java.util.ArrayList;
import java.util.List;

import io.sashell.index.HeapIndex;

/** {@code refs --out ADDR}: the references an object holds, read from the core in field order. */
public final class OutboundRefs {
    private OutboundRefs() {
    }

    /** Cost: a read of the object's fields (all slots of an array). {@code limit} -1 shows all. */
    public static OutboundRefsResult of(HeapIndex index, int id, long limit) {
        List<OutboundRef> refs = new ArrayList<>();
        for (HeapIndex.Reference r : index.references(id, limit)) {
            refs.add(new OutboundRef(r.label(), r.address(), r.id() < 0 ? null : ObjectSummary.of(index, r.id())));
        }
        return new OutboundRefsResult(ObjectSummary.of(index, id), refs, index.referenceCount(id));
    }
}
