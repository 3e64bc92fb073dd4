package io.sashell.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.sashell.sa.RootKind;

/**
 * The breadth-first walk from the GC roots that gives each object its parent on a shortest path: over strong
 * edges (and referents when asked), plus the hidden edge from every object to its class's mirror, which the
 * arrays do not store.
 */
final class Reachability {
    /**
     * Roots enter the walk in this order, so that among equally short paths the one from the most telling
     * root wins: precise thread-held roots first, conservative stack words (possibly stale) last.
     */
    static final RootKind[] ORDER = {RootKind.JAVA_LOCAL, RootKind.JNI_LOCAL, RootKind.JNI_GLOBAL,
        RootKind.BUSY_MONITOR, RootKind.THREAD_OBJECT, RootKind.SYSTEM_CLASS, RootKind.CLASS_LOADER,
        RootKind.VM_INTERNAL, RootKind.UNKNOWN, RootKind.CONSERVATIVE};

    private Reachability() {
    }

    /** The distinct object ids of the roots, in {@link #ORDER} of their kinds, then by id. */
    static int[] rootOrder(List<IndexedRoot> roots) {
        List<IndexedRoot> sorted = new ArrayList<>(roots);
        sorted.sort(Comparator.comparingInt((IndexedRoot r) -> rank(r.kind())).thenComparingInt(IndexedRoot::id));
        Set<Integer> ids = new LinkedHashSet<>();
        for (IndexedRoot r : sorted) {
            ids.add(r.id());
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int rank(RootKind kind) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i] == kind) {
                return i;
            }
        }
        return ORDER.length;
    }

    /** Klass index → whether its instances are References (their referents are weak edges). */
    static boolean[] referenceKlasses(IndexedKlass[] klasses) {
        boolean[] r = new boolean[klasses.length];
        for (int i = 0; i < klasses.length; i++) {
            r[i] = klasses[i].referenceType() != ReferenceType.NONE;
        }
        return r;
    }

    /** Klass index → the id of its mirror (-1 when none). */
    static int[] mirrorsByKlass(IndexedKlass[] klasses) {
        int[] m = new int[klasses.length];
        for (int i = 0; i < klasses.length; i++) {
            m[i] = klasses[i].mirror();
        }
        return m;
    }

    /**
     * Fills {@code parents}: 0 unreached, 1 root, parent id + 2. {@code weakSources}/{@code weakTargets} (sorted
     * by source) are followed when not null, from objects whose klass is marked in {@code referenceKlass}.
     * {@code queue} needs room for every object.
     */
    static void walk(int[] seeds, PackedArray outOffsets, PackedArray outTargets, PackedArray klassIds,
                     int[] mirrorOfKlass, boolean[] referenceKlass, PackedArray weakSources,
                     PackedArray weakTargets, IntStore parents, IntStore queue, Runnable checkpoint) {
        long tail = 0;
        for (int s : seeds) {
            if (parents.get(s) == 0) {
                parents.set(s, 1);
                queue.set(tail++, s);
            }
        }
        long head = 0;
        int tick = 0;
        while (head < tail) {
            int s = queue.get(head++);
            if ((++tick & 0xFFFF) == 0) {
                checkpoint.run();
            }
            int parentValue = s + 2;
            long from = outOffsets.get(s);
            long to = outOffsets.get(s + 1L);
            for (long e = from; e < to; e++) {
                int t = outTargets.getInt(e);
                if (parents.get(t) == 0) {
                    parents.set(t, parentValue);
                    queue.set(tail++, t);
                }
            }
            int klass = klassIds.getInt(s);
            int mirror = mirrorOfKlass[klass];
            if (mirror >= 0 && parents.get(mirror) == 0) {
                parents.set(mirror, parentValue);
                queue.set(tail++, mirror);
            }
            if (weakSources != null && referenceKlass[klass]) {
                long lo = firstAtLeast(weakSources, s);
                for (long e = lo; e < weakSources.length() && weakSources.get(e) == s; e++) {
                    int t = weakTargets.getInt(e);
                    if (parents.get(t) == 0) {
                        parents.set(t, parentValue);
                        queue.set(tail++, t);
                    }
                }
            }
        }
    }

    static long firstAtLeast(PackedArray sorted, long key) {
        long lo = 0;
        long hi = sorted.length();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (sorted.get(mid) < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
