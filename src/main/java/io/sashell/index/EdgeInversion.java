package io.sashell.index;

import java.io.IOException;
import java.util.Arrays;

import io.sashell.index.IndexHeader.Section;

/** The inbound edges: the outbound arrays inverted (counted, then placed), and the referent pairs both ways. */
final class EdgeInversion {
    private EdgeInversion() {
    }

    static void run(BuildState s) throws IOException {
        invert(s);
        s.progress.progress("referents", 0, 1);
        weakEdges(s);
    }

    private static void invert(BuildState s) throws IOException {
        int n = s.n;
        long edgeCount = s.edgeCount;
        IntStore cursor = s.scratchInts;
        for (int id = 0; id <= n; id++) {
            cursor.set(id, 0);
        }
        for (long e = 0; e < edgeCount; e++) {
            if ((e & 0xFFFFF) == 0) {
                BuildState.checkInterrupt();
                s.progress.progress("inverting references", e, 2 * edgeCount);
            }
            int t = s.outTargets.getInt(e);
            cursor.set(t, cursor.get(t) + 1);
        }
        PackedArray inOffsets = s.packed(Section.IN_OFFSETS, n + 1L, PackedArray.bitsFor(edgeCount));
        PackedArray inSources = s.packed(Section.IN_TARGETS, edgeCount, PackedArray.bitsFor(Math.max(0, n - 1)));
        long offset = 0;
        try (PackedArray.Writer w = inOffsets.writer(0)) {
            for (int id = 0; id < n; id++) {
                int c = cursor.get(id);
                w.add(offset);
                cursor.set(id, (int) offset);
                offset += c;
            }
            w.add(offset);
        }
        // Sources in id order: each target's inbound list comes out ascending.
        long e = 0;
        for (int src = 0; src < n; src++) {
            long to = s.outOffsets.get(src + 1L);
            for (; e < to; e++) {
                if ((e & 0xFFFFF) == 0) {
                    BuildState.checkInterrupt();
                    s.progress.progress("inverting references", edgeCount + e, 2 * edgeCount);
                }
                int t = s.outTargets.getInt(e);
                int slot = cursor.get(t);
                inSources.set(slot, src);
                cursor.set(t, slot + 1);
            }
        }
    }

    private static void weakEdges(BuildState s) throws IOException {
        long[] weakPairs = s.weakPairs;
        int w = weakPairs.length;
        int idBits = PackedArray.bitsFor(Math.max(0, s.n - 1));
        PackedArray sources = s.packed(Section.WEAK_SOURCES, w, idBits);
        PackedArray targets = s.packed(Section.WEAK_TARGETS, w, idBits);
        // Workers ran over ascending ranges, each in id order: the pairs are sorted by source already.
        writePairs(weakPairs, sources, targets);
        long[] byTarget = new long[w];
        for (int i = 0; i < w; i++) {
            byTarget[i] = ((weakPairs[i] & 0xFFFF_FFFFL) << 32) | (weakPairs[i] >>> 32);
        }
        Arrays.sort(byTarget);
        PackedArray inTargets = s.packed(Section.WEAK_IN_TARGETS, w, idBits);
        PackedArray inSources = s.packed(Section.WEAK_IN_SOURCES, w, idBits);
        writePairs(byTarget, inTargets, inSources);
    }

    /** Each pair's upper half into {@code high}, its lower half into {@code low}, in order. */
    private static void writePairs(long[] pairs, PackedArray high, PackedArray low) {
        try (PackedArray.Writer wh = high.writer(0); PackedArray.Writer wl = low.writer(0)) {
            for (long p : pairs) {
                wh.add(p >>> 32);
                wl.add(p & 0xFFFF_FFFFL);
            }
        }
    }
}
