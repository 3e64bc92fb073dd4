package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.sashell.index.HeapIndex;

/** {@code top}: the reachable objects with the largest retained (or shallow) sizes (question 4). */
public final class TopObjects {
    private TopObjects() {
    }

    /** Cost: one pass over the objects with a heap of {@code limit} entries. */
    public static TopObjectsResult of(HeapIndex index, DominatorTree tree, boolean byRetained, int limit) {
        int n = tree.objectCount();
        Comparator<Integer> order = byRetained
                ? Comparator.<Integer>comparingLong(tree::retained).thenComparingLong(index::size)
                : Comparator.<Integer>comparingLong(index::size).thenComparingLong(tree::retained);
        order = order.thenComparing(Comparator.<Integer>naturalOrder().reversed());
        PriorityQueue<Integer> best = new PriorityQueue<>(order);
        long reachable = 0;
        for (int id = 0; id < n; id++) {
            if (!tree.reachable(id)) {
                continue;
            }
            reachable++;
            if (limit <= 0) {
                continue;
            }
            if (best.size() < limit) {
                best.add(id);
            } else if (order.compare(id, best.peek()) > 0) {
                best.poll();
                best.add(id);
            }
        }
        List<Integer> ids = new ArrayList<>(best);
        ids.sort(order.reversed());
        List<RetainedObject> rows = new ArrayList<>();
        for (int id : ids) {
            rows.add(AnswersSupport.retainedObject(index, tree, id));
        }
        return new TopObjectsResult(byRetained ? "retained" : "shallow", rows, tree.reachableBytes(), reachable);
    }
}
