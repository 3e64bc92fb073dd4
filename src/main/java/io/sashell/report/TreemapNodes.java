package io.sashell.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.sashell.analysis.AnswersSupport;
import io.sashell.analysis.DominatorTree;
import io.sashell.index.EdgeLabel;
import io.sashell.index.HeapIndex;

/**
 * The dominator tree cut down to what a treemap can show: the biggest objects first (a priority queue by
 * retained size), children smaller than a share of the heap summed into one aggregate cell per parent, at most
 * {@link #MAX_NODES} cells. Cost: one pass over the children of every expanded object.
 */
final class TreemapNodes {
    static final int MAX_NODES = 3000;
    static final int MAX_CHILDREN = 40;
    static final int MAX_DEPTH = 12;
    /** Children below this share of the reachable heap are summed up (1 in 2,000: 0.05%). */
    static final long MIN_SHARE = 2000;

    /** A cell and, for objects, its id in the index (-1 for the root and aggregates). */
    record Cell(Report.Node node, int id) {
    }

    private TreemapNodes() {
    }

    static List<Cell> of(HeapIndex index, DominatorTree tree) {
        long heap = tree.reachableBytes();
        long min = Math.max(1, heap / MIN_SHARE);
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(new Report.Node(-1, "", "GC roots", 0, heap, "", tree.children(tree.root()).length, 1,
                false, -1), tree.root()));
        int[] depth = new int[MAX_NODES + 1];
        PriorityQueue<Integer> todo = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(c -> -cells.get(c).node().retained()).thenComparing(c -> c));
        todo.add(0);
        while (!todo.isEmpty() && cells.size() < MAX_NODES) {
            int at = todo.poll();
            int v = cells.get(at).id();
            List<Integer> big = new ArrayList<>();
            long restBytes = 0;
            long rest = 0;
            for (int c : tree.children(v)) {
                if (tree.retained(c) >= min) {
                    big.add(c);
                } else {
                    restBytes += tree.retained(c);
                    rest++;
                }
            }
            big.sort(Comparator.<Integer>comparingLong(tree::retained).reversed().thenComparing(c -> c));
            int room = Math.min(MAX_CHILDREN, MAX_NODES - cells.size() - 1);
            for (int i = room; i < big.size(); i++) {
                restBytes += tree.retained(big.get(i));
                rest++;
            }
            for (int i = 0; i < Math.min(room, big.size()); i++) {
                int c = big.get(i);
                int n = cells.size();
                cells.add(new Cell(new Report.Node(at, hex(index.address(c)), index.displayName(c), index.size(c),
                        tree.retained(c), via(index, tree, v, c), tree.children(c).length, 1, false, -1), c));
                depth[n] = depth[at] + 1;
                if (depth[n] < MAX_DEPTH && tree.children(c).length > 0) {
                    todo.add(n);
                }
            }
            if (rest > 0 && restBytes > 0) {
                cells.add(new Cell(new Report.Node(at, "", rest == 1 ? "1 smaller object" : String.format(
                        "%,d smaller objects", rest), 0, restBytes, "", 0, rest, true, -1), -1));
            }
        }
        return cells;
    }

    /** The dominator's field that holds the object, empty when it reaches it only through other objects. */
    private static String via(HeapIndex index, DominatorTree tree, int dominator, int id) {
        if (dominator == tree.root()) {
            return AnswersSupport.rootText(index, id);
        }
        List<EdgeLabel> labels = index.labels(dominator, id);
        return labels.isEmpty() ? "" : labels.get(0).describe();
    }

    static String hex(long address) {
        return String.format("0x%x", address);
    }
}
