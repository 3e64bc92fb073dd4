package io.sashell.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Objects and bytes per Klass address, one row per Klass (a class loaded by two loaders is two rows).
 * Immutable; rows sorted by Klass address.
 */
public final class HeapHistogram {

    /** One Klass's total. */
    public record Row(long klassAddress, long count, long bytes) {
    }

    private final long[] klasses;
    private final long[] counts;
    private final long[] bytes;
    private final HeapWalkResult walk;

    private HeapHistogram(long[] klasses, long[] counts, long[] bytes, HeapWalkResult walk) {
        this.klasses = klasses;
        this.counts = counts;
        this.bytes = bytes;
        this.walk = Objects.requireNonNull(walk, "walk");
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(klasses.length);
        for (int i = 0; i < klasses.length; i++) {
            rows.add(new Row(klasses[i], counts[i], bytes[i]));
        }
        return rows;
    }

    /** The row of one Klass; count and bytes 0 when the walk saw none of its objects. Binary search. */
    public Row row(long klassAddress) {
        int i = Arrays.binarySearch(klasses, klassAddress);
        return i < 0 ? new Row(klassAddress, 0, 0) : new Row(klassAddress, counts[i], bytes[i]);
    }

    public int size() {
        return klasses.length;
    }

    public long totalCount() {
        return walk.objects();
    }

    public long totalBytes() {
        return walk.bytes();
    }

    /** The walk that produced this histogram (damage, skipped bytes). */
    public HeapWalkResult walk() {
        return walk;
    }

    /**
     * Counts objects per Klass without allocating per object (open addressing on the Klass address).
     * One per walking thread; {@link #merge} adds them up.
     */
    public static final class Counter implements ObjectVisitor {
        private long[] keys = new long[512];
        private long[] countOf = new long[512];
        private long[] bytesOf = new long[512];
        private int size;

        @Override
        public void visit(long address, long klassAddress, long objectSize) {
            add(klassAddress, 1, objectSize);
        }

        void add(long klass, long count, long size) {
            int mask = keys.length - 1;
            long h = klass * 0x9E3779B97F4A7C15L;
            int i = (int) (h ^ (h >>> 32)) & mask;
            while (true) {
                long k = keys[i];
                if (k == klass) {
                    countOf[i] += count;
                    bytesOf[i] += size;
                    return;
                }
                if (k == 0) {
                    break;
                }
                i = (i + 1) & mask;
            }
            keys[i] = klass;
            countOf[i] = count;
            bytesOf[i] = size;
            if (++this.size * 2 > keys.length) {
                grow();
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldCounts = countOf;
            long[] oldBytes = bytesOf;
            keys = new long[oldKeys.length * 2];
            countOf = new long[keys.length];
            bytesOf = new long[keys.length];
            size = 0;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != 0) {
                    add(oldKeys[j], oldCounts[j], oldBytes[j]);
                }
            }
        }

        /** Adds another counter's totals into this one. */
        public void merge(Counter other) {
            for (int j = 0; j < other.keys.length; j++) {
                if (other.keys[j] != 0) {
                    add(other.keys[j], other.countOf[j], other.bytesOf[j]);
                }
            }
        }

        /** The histogram of what this counter saw, with the walk's totals. */
        public HeapHistogram toHistogram(HeapWalkResult walk) {
            long[] sorted = new long[size];
            int n = 0;
            for (long k : keys) {
                if (k != 0) {
                    sorted[n++] = k;
                }
            }
            Arrays.sort(sorted);
            long[] c = new long[n];
            long[] b = new long[n];
            for (int r = 0; r < n; r++) {
                int mask = keys.length - 1;
                long h = sorted[r] * 0x9E3779B97F4A7C15L;
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (keys[i] != sorted[r]) {
                    i = (i + 1) & mask;
                }
                c[r] = countOf[i];
                b[r] = bytesOf[i];
            }
            return new HeapHistogram(sorted, c, b, walk);
        }
    }
}
