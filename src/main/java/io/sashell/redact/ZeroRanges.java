package io.sashell.redact;

import java.util.Arrays;
import java.util.List;

/**
 * Byte ranges of the core file to zero, each with the {@link RegionKind} it was planned for. Ranges may come
 * in any order and overlap; {@link #union} turns lists of them into disjoint sorted ranges, counting each byte
 * once, for the kind of the first range (in file order) that covers it.
 *
 * <p>Ranges added in ascending order (a heap walk's) cost nothing to sort, and a range that touches the
 * previous one of the same kind extends it instead of taking a slot. Not thread-safe.
 */
final class ZeroRanges {
    private long[] starts = new long[1024];
    private long[] ends = new long[1024];
    private byte[] kinds = new byte[1024];
    private int size;
    private boolean sorted = true;

    /** Adds [start, end) of the file; empty and inverted ranges are ignored. */
    void add(long start, long end, RegionKind kind) {
        if (end <= start) {
            return;
        }
        if (size > 0) {
            int last = size - 1;
            if (start < starts[last]) {
                sorted = false;
            } else if (kinds[last] == kind.ordinal() && start <= ends[last]) {
                ends[last] = Math.max(ends[last], end);
                return;
            }
        }
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            kinds = Arrays.copyOf(kinds, n);
        }
        starts[size] = start;
        ends[size] = end;
        kinds[size] = (byte) kind.ordinal();
        size++;
    }

    int size() {
        return size;
    }

    private void sort() {
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // A stable sort: ranges with one start keep the order they were planned in.
        Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
        long[] s = new long[size];
        long[] e = new long[size];
        byte[] k = new byte[size];
        for (int i = 0; i < size; i++) {
            s[i] = starts[order[i]];
            e[i] = ends[order[i]];
            k[i] = kinds[order[i]];
        }
        starts = s;
        ends = e;
        kinds = k;
        sorted = true;
    }

    /** Disjoint ranges in ascending order, with the bytes each kind contributes (every byte counted once). */
    record Disjoint(long[] starts, long[] ends, int count, long[] bytesByKind) {
        long totalBytes() {
            long t = 0;
            for (long b : bytesByKind) {
                t += b;
            }
            return t;
        }

        long bytes(RegionKind kind) {
            return bytesByKind[kind.ordinal()];
        }
    }

    /** Merges the lists into disjoint ranges. Cost: one pass per list when each is sorted already. */
    static Disjoint union(List<ZeroRanges> lists) {
        int total = 0;
        for (ZeroRanges z : lists) {
            z.sort();
            total += z.size;
        }
        long[] outStarts = new long[Math.max(1, total)];
        long[] outEnds = new long[Math.max(1, total)];
        long[] bytes = new long[RegionKind.values().length];
        int[] next = new int[lists.size()];
        int count = 0;
        long coveredTo = Long.MIN_VALUE;
        while (true) {
            int pick = -1;
            for (int l = 0; l < lists.size(); l++) {
                ZeroRanges z = lists.get(l);
                if (next[l] < z.size && (pick < 0 || z.starts[next[l]] < lists.get(pick).starts[next[pick]])) {
                    pick = l;
                }
            }
            if (pick < 0) {
                break;
            }
            ZeroRanges z = lists.get(pick);
            int i = next[pick]++;
            long s = z.starts[i];
            long e = z.ends[i];
            if (e <= coveredTo) {
                continue;
            }
            long from = Math.max(s, coveredTo);
            bytes[z.kinds[i]] += e - from;
            if (count > 0 && s <= outEnds[count - 1]) {
                outEnds[count - 1] = e;
            } else {
                outStarts[count] = s;
                outEnds[count] = e;
                count++;
            }
            coveredTo = e;
        }
        return new Disjoint(outStarts, outEnds, count, bytes);
    }
}
