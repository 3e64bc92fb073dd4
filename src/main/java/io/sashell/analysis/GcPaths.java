package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import io.sashell.index.EdgeLabel;
import io.sashell.index.HeapIndex;
import io.sashell.index.ReferenceType;

/**
 * {@code path ADDR}: the shortest path from a GC root to an object, from the breadth-first tree the index
 * keeps; with {@code all}, one shortest path through each object that references the target directly.
 * Referents are left out unless {@code weak}.
 */
public final class GcPaths {
    private GcPaths() {
    }

    /**
     * Cost: the path's length in index reads, plus a read of each hop's source object to name the field or
     * slot. The first {@code weak} query walks the whole graph once.
     *
     * @param limit with {@code all}, paths to show (-1 for all)
     */
    public static PathResult find(HeapIndex index, int id, boolean weak, boolean all, long limit) {
        IntUnaryOperator parent = weak ? index::weakParent : index::parent;
        ObjectSummary target = ObjectSummary.of(index, id);
        List<String> notes = notes(index);
        if (parent.applyAsInt(id) == HeapIndex.NO_PARENT_UNREACHED) {
            return new PathResult(target, weak, List.of(), unreachable(index, id, weak), notes);
        }
        List<GcPath> paths = new ArrayList<>();
        paths.add(path(index, chain(parent, id), weak));
        if (all) {
            Set<Integer> referrers = new LinkedHashSet<>();
            for (int s : index.inbound(id)) {
                referrers.add(s);
            }
            if (weak) {
                for (int s : index.weakInbound(id)) {
                    referrers.add(s);
                }
            }
            referrers.remove(parent.applyAsInt(id));
            List<List<Integer>> more = new ArrayList<>();
            for (int r : referrers) {
                if (parent.applyAsInt(r) == HeapIndex.NO_PARENT_UNREACHED) {
                    continue;
                }
                List<Integer> c = chain(parent, r);
                if (c.contains(id)) {
                    // Reached through the target itself: not a path to it.
                    continue;
                }
                c.add(id);
                more.add(c);
            }
            more.sort(Comparator.comparingInt(List::size));
            for (List<Integer> c : more) {
                if (limit >= 0 && paths.size() >= limit) {
                    break;
                }
                paths.add(path(index, c, weak));
            }
        }
        return new PathResult(target, weak, paths, "", List.of());
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
