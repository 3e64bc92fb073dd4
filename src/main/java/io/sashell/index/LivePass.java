package io.sashell.index;

import java.io.IOException;

import io.sashell.index.IndexHeader.Section;

/**
 * The breadth-first walk from the roots: every object's parent on a shortest path (0 for unreachable), and the
 * live totals per class.
 */
final class LivePass {
    private LivePass() {
    }

    static void run(BuildState s) throws IOException {
        int n = s.n;
        // Parents on the heap while the walk jumps around (an int per object), packed in one pass after.
        int[] parentOf = new int[n];
        int[] mirrorOfKlass = new int[s.metas.size()];
        for (int k = 0; k < mirrorOfKlass.length; k++) {
            mirrorOfKlass[k] = s.metas.get(k).mirror;
        }
        long[] reached = {0};
        Reachability.walk(Reachability.rootOrder(s.roots), s.outOffsets, s.outTargets, s.klassIds, mirrorOfKlass,
                new boolean[s.metas.size()], null, null, IntStore.of(parentOf), s.scratchInts, () -> {
                    BuildState.checkInterrupt();
                    reached[0] += 0x10000;
                    s.progress.progress("walking from the roots", Math.min(reached[0], n), n);
                });
        PackedArray parents = s.packed(Section.PARENTS, n, PackedArray.bitsFor(n + 1L));
        try (PackedArray.Writer w = parents.writer(0)) {
            for (int id = 0; id < n; id++) {
                int p = parentOf[id];
                w.add(p);
                if (p != 0) {
                    KlassMeta m = s.metas.get(s.klassIds.getInt(id));
                    m.liveCount++;
                    m.liveBytes += s.sizes.get(id) << 3;
                }
            }
        }
    }
}
