package io.sashell.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import io.sashell.analysis.AnswersSupport;
import io.sashell.analysis.DominatorTree;
import io.sashell.index.EdgeLabel;
import io.sashell.index.HeapIndex;

/**
 * The dominator tree cut down to what a treemap can show: the biggest objects first (a priority queue by
 * retained size), children smaller than a share of the heap summed into aggregate cells by class, at most
 * {@link #MAX_NODES} cells; the big objects that class mirrors keep through static fields stand beside their mirror
 * at the top. Cost: one pass over the children of every expanded object.
 */
final class TreemapNodes {
    static final int MAX_NODES = 3000;
    static final int MAX_CHILDREN = 40;
    static final int MAX_DEPTH = 12;
    /** Children below this share of the reachable heap are summed up (1 in 2,000: 0.05%). */
    static final long MIN_SHARE = 2000;
    /** Aggregate cells of one class per parent, beside the one of all other small children. */
    static final int GROUPS = 4;

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
        Set<Integer> lifted = new HashSet<>();
        PriorityQueue<Integer> todo = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(c -> -cells.get(c).node().retained()).thenComparing(c -> c));
        todo.add(0);
        while (!todo.isEmpty() && cells.size() < MAX_NODES) {
            int at = todo.poll();
            int v = cells.get(at).id();
            List<Child> big = new ArrayList<>();
            List<Child> small = new ArrayList<>();
            for (Child c : at == 0 ? topLevel(index, tree, min, lifted) : children(tree, v, lifted)) {
                (c.retained() >= min ? big : small).add(c);
            }
            big.sort(Comparator.comparingLong(Child::retained).reversed().thenComparing(Child::id));
            int room = Math.max(0, Math.min(MAX_CHILDREN, MAX_NODES - cells.size() - GROUPS - 1));
            small.addAll(big.subList(Math.min(room, big.size()), big.size()));
            for (Child c : big.subList(0, Math.min(room, big.size()))) {
                int n = cells.size();
                int kids = tree.children(c.id()).length - c.liftedChildren();
                cells.add(new Cell(new Report.Node(at, hex(index.address(c.id())), index.displayName(c.id()),
                        index.size(c.id()), c.retained(), via(index, tree, c.dominator(), c.id()), kids, 1, false,
                        -1), c.id()));
                depth[n] = depth[at] + 1;
                if (depth[n] < MAX_DEPTH && kids > 0) {
                    todo.add(n);
                }
            }
            groups(index, small, min, at, cells);
        }
        return cells;
    }

    /**
     * A child in the treemap: the object, the object that dominates it in the tree (for the field that holds it),
     * what it retains as drawn (a class mirror less its lifted statics), and how many of its children were lifted.
     */
    private record Child(int id, int dominator, long retained, int liftedChildren) {
    }

    private static List<Child> children(DominatorTree tree, int v, Set<Integer> lifted) {
        List<Child> out = new ArrayList<>();
        for (int c : tree.children(v)) {
            if (!lifted.contains(c)) {
                out.add(new Child(c, v, tree.retained(c), 0));
            }
        }
        return out;
    }

    /**
     * The cells below the GC roots. A class mirror holds what its static fields keep; drawn as one cell it would
     * frame the leak (the largest top cell would be {@code class LeakyServer}, not the list it keeps). So the big
     * objects a mirror dominates are lifted beside it, labelled by their static field, and the mirror's cell
     * keeps the rest.
     */
    private static List<Child> topLevel(HeapIndex index, DominatorTree tree, long min, Set<Integer> lifted) {
        int root = tree.root();
        List<Child> out = new ArrayList<>();
        for (int c : tree.children(root)) {
            if (index.mirroredKlass(c) < 0 || tree.retained(c) < min) {
                out.add(new Child(c, root, tree.retained(c), 0));
                continue;
            }
            long rest = tree.retained(c);
            int n = 0;
            for (int s : tree.children(c)) {
                if (tree.retained(s) >= min) {
                    out.add(new Child(s, c, tree.retained(s), 0));
                    lifted.add(s);
                    rest -= tree.retained(s);
                    n++;
                }
            }
            out.add(new Child(c, root, rest, n));
        }
        return out;
    }

    /**
     * The children too small (or too many) to draw one by one: by class, the classes whose objects together
     * make a cell's share first (at most {@link #GROUPS}), then the rest in one cell. An aggregate cell's class
     * is empty when it mixes classes.
     */
    private static void groups(HeapIndex index, List<Child> small, long min, int parent, List<Cell> cells) {
        Map<Integer, long[]> byClass = new HashMap<>();
        for (Child c : small) {
            long[] t = byClass.computeIfAbsent(index.klassIndex(c.id()), k -> new long[2]);
            t[0]++;
            t[1] += c.retained();
        }
        List<Map.Entry<Integer, long[]>> sorted = new ArrayList<>(byClass.entrySet());
        sorted.sort(Comparator.<Map.Entry<Integer, long[]>>comparingLong(e -> -e.getValue()[1])
                .thenComparing(Map.Entry::getKey));
        long restCount = 0;
        long restBytes = 0;
        int shown = 0;
        for (Map.Entry<Integer, long[]> e : sorted) {
            long[] t = e.getValue();
            if (shown < GROUPS && t[1] >= min) {
                cells.add(new Cell(new Report.Node(parent, "", index.klass(e.getKey()).name(), 0, t[1], "", 0, t[0],
                        true, -1), -1));
                shown++;
            } else {
                restCount += t[0];
                restBytes += t[1];
            }
        }
        if (restCount > 0 && restBytes > 0) {
            cells.add(new Cell(new Report.Node(parent, "", "", 0, restBytes, "", 0, restCount, true, -1), -1));
        }
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
