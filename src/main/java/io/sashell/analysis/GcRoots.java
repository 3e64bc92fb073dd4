package io.sashell.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedRoot;
import io.sashell.sa.RootKind;

/** {@code roots}: the GC roots by kind with counts, and the roots of one kind (or all) one a line. */
public final class GcRoots {
    private GcRoots() {
    }

    /**
     * Cost: one pass over the roots.
     *
     * @param kind  only roots of this kind, or null for all
     * @param limit rows to show, -1 for all
     */
    public static RootsResult of(HeapIndex index, RootKind kind, long limit) {
        Map<RootKind, long[]> counts = new EnumMap<>(RootKind.class);
        Map<RootKind, Set<Integer>> objects = new EnumMap<>(RootKind.class);
        Map<RootKind, Set<String>> threads = new EnumMap<>(RootKind.class);
        List<IndexedRoot> matching = new ArrayList<>();
        for (IndexedRoot r : index.roots()) {
            counts.computeIfAbsent(r.kind(), k -> new long[1])[0]++;
            objects.computeIfAbsent(r.kind(), k -> new HashSet<>()).add(r.id());
            if (!r.threadName().isEmpty()) {
                threads.computeIfAbsent(r.kind(), k -> new HashSet<>()).add(r.threadName());
            }
            if (kind == null || r.kind() == kind) {
                matching.add(r);
            }
        }
        List<RootsResult.KindCount> kinds = new ArrayList<>();
        for (Map.Entry<RootKind, long[]> e : counts.entrySet()) {
            kinds.add(new RootsResult.KindCount(e.getKey(), e.getValue()[0], objects.get(e.getKey()).size(),
                    threads.getOrDefault(e.getKey(), Set.of()).size()));
        }
        matching.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind())
                : a.threadName().equals(b.threadName()) ? Integer.compare(a.id(), b.id())
                : a.threadName().compareTo(b.threadName()));
        List<RootRow> rows = new ArrayList<>();
        for (IndexedRoot r : matching) {
            if (limit >= 0 && rows.size() >= limit) {
                break;
            }
            rows.add(new RootRow(RootRef.of(r), ObjectSummary.of(index, r.id())));
        }
        List<String> problems = index.problems().stream().filter(p -> p.startsWith("roots") || p.contains(" roots "))
                .toList();
        return new RootsResult(kinds, rows, matching.size(), kind, problems);
    }
}
