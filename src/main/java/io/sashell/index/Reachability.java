package io.sashell.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
     * Roots enter the walk in tiers, each walked to the end before the next starts: what lasting roots reach
     * (classes, loaders, JNI globals, the VM's handles, thread objects) gets its path from one of them even when
     * a thread's stack is nearer (an OOM core's crashing frame often holds the very collection that leaked);
     * locals, JNI locals and held monitors give paths only to what they alone hold; conservative stack words,
     * possibly stale, come last.
     */
    static final RootKind[][] TIERS = {
        {RootKind.SYSTEM_CLASS, RootKind.CLASS_LOADER, RootKind.JNI_GLOBAL, RootKind.VM_INTERNAL,
            RootKind.THREAD_OBJECT, RootKind.UNKNOWN},
        {RootKind.JAVA_LOCAL, RootKind.JNI_LOCAL, RootKind.BUSY_MONITOR},
        {RootKind.CONSERVATIVE}};

    private Reachability() {
    }

    /** The distinct object ids of the roots, tier by tier ({@link #TIERS}), by id within a tier. */
    static int[][] rootOrder(List<IndexedRoot> roots) {
        int[][] tiers = new int[TIERS.length][];
        Set<Integer> seen = new HashSet<>();
        for (int t = 0; t < TIERS.length; t++) {
            Set<RootKind> kinds = Set.of(TIERS[t]);
            List<IndexedRoot> sorted = new ArrayList<>();
            for (IndexedRoot r : roots) {
                if (kinds.contains(r.kind())) {
                    sorted.add(r);
                }
            }
            sorted.sort(Comparator.comparingInt(IndexedRoot::id));
            Set<Integer> ids = new LinkedHashSet<>();
            for (IndexedRoot r : sorted) {
                if (seen.add(r.id())) {
                    ids.add(r.id());
                }
            }
            tiers[t] = ids.stream().mapToInt(Integer::intValue).toArray();
        }
        return tiers;
    }

    /** The tier of a root kind: 0 for the lasting ones. */
    static int tier(RootKind kind) {
        for (int t = 0; t < TIERS.length; t++) {
            for (RootKind k : TIERS[t]) {
                if (k == kind) {
                    return t;
                }
            }
        }
        return 0;
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
     * Fills {@code parents}: 0 unreached, 1 root, parent id + 2, walking the root tiers one after the other. {@code weakSources}/{@code weakTargets} (sorted
     * by source) are followed when not null, from objects whose klass is marked in {@code referenceKlass}.
     * {@code queue} needs room for every object.
     */
    static void walk(int[][] tiers, PackedArray outOffsets, PackedArray outTargets, PackedArray klassIds,
                     int[] mirrorOfKlass, boolean[] referenceKlass, PackedArray weakSources,
                     PackedArray weakTargets, IntStore parents, IntStore queue, Runnable checkpoint) {
        long tail = 0;
        long head = 0;
        int tick = 0;
        for (int[] seeds : tiers) {
            for (int s : seeds) {
                if (parents.get(s) == 0) {
                    parents.set(s, 1);
                    queue.set(tail++, s);
                }
            }
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
