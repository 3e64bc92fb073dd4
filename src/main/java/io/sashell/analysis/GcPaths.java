package io.sashell.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import io.sashell.index.EdgeLabel;
import io.sashell.index.HeapIndex;
import io.sashell.index.ReferenceType;

/**
 * {@code path ADDR}: the shortest path from a GC root to an object, from the breadth-first tree the index
 * keeps (from the most lasting roots that reach it: see the index's root tiers); with {@code all}, also the
 * shortest path from each other root a search back from the object meets, shortest first. Referents are left
 * out unless {@code weak}.
 */
public final class GcPaths {
    private GcPaths() {
    }

    /**
     * Cost: the path's length in index reads, plus a read of each hop's source object to name the field or
     * slot. The first {@code weak} query walks the whole graph once.
     *
     * @param limit with {@code all}, paths to show (-1 for all; the search stops after
     *              {@value #SEARCH_BUDGET} objects)
     */
    public static PathResult find(HeapIndex index, int id, boolean weak, boolean all, long limit) {
        IntUnaryOperator parent = weak ? index::weakParent : index::parent;
        ObjectSummary target = ObjectSummary.of(index, id);
        if (parent.applyAsInt(id) == HeapIndex.NO_PARENT_UNREACHED) {
            return new PathResult(target, weak, List.of(), unreachable(index, id, weak), notes(index));
        }
        List<GcPath> paths = new ArrayList<>();
        List<Integer> first = chain(parent, id);
        paths.add(path(index, first, weak));
        List<String> notes = new ArrayList<>();
        if (first.size() > 1 && !index.rootsOf(id).isEmpty()) {
            RootRef r = RootRef.of(index.rootsOf(id).get(0));
            notes.add("it is a GC root itself too (" + r.kind().label() + (r.threadName().isEmpty() ? ""
                    : " of thread \"" + r.threadName() + "\"") + "); the path shown is from a more lasting root");
        }
        if (all) {
            Search search = towardRoots(index, id, weak, limit < 0 ? Integer.MAX_VALUE : limit, SEARCH_BUDGET);
            for (List<Integer> c : search.chains()) {
                if (limit >= 0 && paths.size() >= limit) {
                    break;
                }
                if (!c.get(0).equals(first.get(0))) {
                    paths.add(path(index, c, weak));
                }
            }
            if (search.stopped()) {
                notes.add(String.format("searched %,d objects back from the target and stopped: there may be paths"
                        + " from more roots", SEARCH_BUDGET));
            }
        }
        return new PathResult(target, weak, paths, "", notes);
    }

    /** Objects a search for more roots visits at most. */
    static final int SEARCH_BUDGET = 1_000_000;

    /** Paths found by a backward search, shortest first, each from another root; whether it ran out of budget. */
    private record Search(List<List<Integer>> chains, boolean stopped) {
    }

    /**
     * A breadth-first search from the target back over the references that hold it, collecting the shortest
     * path from each root it meets (each root object once), up to {@code limit} roots or {@code budget} objects.
     */
    private static Search towardRoots(HeapIndex index, int id, boolean weak, long limit, int budget) {
        Map<Integer, Integer> next = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        List<List<Integer>> chains = new ArrayList<>();
        next.put(id, -1);
        queue.add(id);
        while (!queue.isEmpty() && chains.size() < limit) {
            int o = queue.poll();
            if (!index.rootsOf(o).isEmpty()) {
                List<Integer> c = new ArrayList<>();
                for (int at = o; at >= 0; at = next.get(at)) {
                    c.add(at);
                }
                chains.add(c);
            }
            int[] strong = index.inbound(o);
            int[] referents = weak ? index.weakInbound(o) : new int[0];
            for (int[] sources : new int[][] {strong, referents}) {
                for (int s : sources) {
                    if (!next.containsKey(s)) {
                        if (next.size() >= budget) {
                            return new Search(chains, true);
                        }
                        next.put(s, o);
                        queue.add(s);
                    }
                }
            }
        }
        return new Search(chains, false);
    }

    /** Ids from the root to {@code id}. */
    private static List<Integer> chain(IntUnaryOperator parent, int id) {
        List<Integer> c = new ArrayList<>();
        int at = id;
        while (at >= 0) {
            c.add(0, at);
            at = parent.applyAsInt(at);
        }
        return c;
    }

    private static GcPath path(HeapIndex index, List<Integer> ids, boolean weak) {
        List<PathHop> hops = new ArrayList<>();
        for (int i = 1; i < ids.size(); i++) {
            int from = ids.get(i - 1);
            int to = ids.get(i);
            hops.add(new PathHop(ObjectSummary.of(index, from), label(index, from, to, weak),
                    ObjectSummary.of(index, to)));
        }
        int root = ids.get(0);
        return new GcPath(ObjectSummary.of(index, root), index.rootsOf(root).stream().map(RootRef::of).toList(),
                hops);
    }

    /** The field a path goes through: a plain field or slot before a hidden reference, a referent last. */
    private static EdgeLabel label(HeapIndex index, int from, int to, boolean weak) {
        List<EdgeLabel> labels = index.labels(from, to, 1);
        return labels.stream()
                .filter(l -> weak || !l.isWeak())
                .min(Comparator.comparingInt(GcPaths::rank))
                .orElse(new EdgeLabel(EdgeLabel.Kind.FIELD, "?", "?", -1, ReferenceType.NONE));
    }

    private static int rank(EdgeLabel l) {
        if (l.isWeak()) {
            return 2;
        }
        return l.isHidden() ? 1 : 0;
    }

    private static String unreachable(HeapIndex index, int id, boolean weak) {
        if (!weak && index.weakParent(id) != HeapIndex.NO_PARENT_UNREACHED) {
            Set<ReferenceType> types = EnumSet.noneOf(ReferenceType.class);
            List<Integer> c = chain(index::weakParent, id);
            for (int i = 1; i < c.size(); i++) {
                int from = c.get(i - 1);
                int to = c.get(i);
                boolean strong = index.labels(from, to).stream().anyMatch(l -> !l.isWeak());
                if (!strong) {
                    types.add(index.klassOf(from).referenceType());
                }
            }
            String kinds = types.stream().map(ReferenceType::label).collect(Collectors.joining("/"));
            return "unreachable through strong references: only " + kinds
                    + " references lead to it (path --weak shows one)";
        }
        return "unreachable: no GC root reaches it; garbage the collector had not freed when the process died";
    }

    private static List<String> notes(HeapIndex index) {
        if (index.problems().isEmpty()) {
            return List.of();
        }
        return List.of("the index met " + index.problems().size() + " problem"
                + (index.problems().size() == 1 ? "" : "s") + " (see the index command): roots or references"
                + " may be missing");
    }
}
