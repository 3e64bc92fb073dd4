package io.sashell.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sashell.index.EdgeLabel;
import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedRoot;

/** What the retained-size answers share: naming what holds an object. */
public final class AnswersSupport {
    private AnswersSupport() {
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** The field or slot of {@code from} that references {@code to}, empty when none does directly. */
    static String via(HeapIndex index, int from, int to) {
        List<EdgeLabel> labels = index.labels(from, to);
        return labels.isEmpty() ? "" : labels.get(0).describe();
    }

    /** How a GC root object is held: {@code Thread "worker-1"}, {@code System Class}, ... */
    public static String rootText(HeapIndex index, int id) {
        List<IndexedRoot> roots = index.rootsOf(id);
        if (roots.isEmpty()) {
            return "reached from several GC roots";
        }
        IndexedRoot r = roots.get(0);
        return r.kind().label() + (r.threadName().isEmpty() ? "" : " of thread \"" + r.threadName() + "\"");
    }

    static RetainedObject retainedObject(HeapIndex index, DominatorTree tree, int id) {
        int d = tree.idom(id);
        ObjectSummary o = ObjectSummary.of(index, id);
        if (d == tree.root() || d < 0) {
            return new RetainedObject(o, tree.retained(id), percent(tree.retained(id), tree.reachableBytes()), null,
                    d < 0 ? "unreachable" : rootText(index, id));
        }
        return new RetainedObject(o, tree.retained(id), percent(tree.retained(id), tree.reachableBytes()),
                ObjectSummary.of(index, d), via(index, d, id));
    }

    /** Thread names by the address of their {@code java.lang.Thread} object. */
    static Map<Long, String> threadNames(HeapIndex index) {
        Map<Long, String> names = new HashMap<>();
        for (IndexedRoot r : index.roots()) {
            if (r.threadObject() != 0 && !r.threadName().isEmpty()) {
                names.putIfAbsent(r.threadObject(), r.threadName());
            }
        }
        return names;
    }
}
