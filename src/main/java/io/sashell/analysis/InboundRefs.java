package io.sashell.analysis;

import java.util.ArrayList;
import java.util.List;

import io.sashell.index.EdgeLabel;
import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedRoot;

/** {@code refs ADDR}: who references an object, through which field or slot, and whether it is a root. */
public final class InboundRefs {
    /** Slots of one array named before the rest are only counted. */
    static final int SLOTS_SHOWN = 5;

    private InboundRefs() {
    }

    /**
     * Cost: two index lookups, then per shown referrer a read of its fields (all slots of an array).
     *
     * @param limit referrers to show, -1 for all
     */
    public static InboundRefsResult of(HeapIndex index, int id, long limit) {
        int[] strong = index.inbound(id);
        int[] weak = index.weakInbound(id);
        List<InboundRef> refs = new ArrayList<>();
        for (int s : strong) {
            if (limit >= 0 && refs.size() >= limit) {
                break;
            }
            List<EdgeLabel> labels = new ArrayList<>();
            for (EdgeLabel l : index.labels(s, id)) {
                if (!l.isWeak() && l.kind() != EdgeLabel.Kind.CLASS) {
                    labels.add(l);
                }
            }
            refs.add(ref(index, s, labels, false));
        }
        for (int s : weak) {
            if (limit >= 0 && refs.size() >= limit) {
                break;
            }
            List<EdgeLabel> labels = index.labels(s, id).stream().filter(EdgeLabel::isWeak).toList();
            refs.add(ref(index, s, labels, true));
        }
        List<RootRef> roots = new ArrayList<>();
        for (IndexedRoot r : index.rootsOf(id)) {
            roots.add(RootRef.of(r));
        }
        int mirrored = index.mirroredKlass(id);
        long instances = mirrored >= 0 ? index.klass(mirrored).count() : 0;
        return new InboundRefsResult(ObjectSummary.of(index, id), roots, refs, strong.length, weak.length,
                instances, index.isReachable(id));
    }

    private static InboundRef ref(HeapIndex index, int source, List<EdgeLabel> labels, boolean weak) {
        List<EdgeLabel> shown = labels.size() > SLOTS_SHOWN ? labels.subList(0, SLOTS_SHOWN) : labels;
        return new InboundRef(ObjectSummary.of(index, source), shown, labels.size() - shown.size(), weak);
    }
}
