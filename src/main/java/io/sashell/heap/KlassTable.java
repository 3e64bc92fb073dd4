package io.sashell.heap;

import io.sashell.sa.SaKlassInfo;

/**
 * An open-addressing table from klass address to what sizing an object needs: no allocation per lookup.
 * Keys are Klass addresses (never 0: a null klass is damage and never looked up). Not thread-safe: each
 * walking thread has its own.
 */
final class KlassTable {

    /** The address is not a Klass the walker can size objects of. */
    static final byte INVALID = 0;
    /** Size from the layout helper (plain instances, references, class loaders). */
    static final byte INSTANCE = 1;
    /** {@code java.lang.Class}: size from the instance's oop_size field. */
    static final byte MIRROR = 2;
    /** {@code jdk.internal.vm.StackChunk}: size from the chunk's stack size field. */
    static final byte STACK_CHUNK = 3;
    /** Arrays: size from length and layout helper. */
    static final byte ARRAY = 4;

    private long[] keys;
    private byte[] kinds;
    private int[] layoutHelpers;
    /** For stack chunks the offset of the int {@code size} field; -1 otherwise. */
    private int[] extras;
    private SaKlassInfo[] infos;
    /** Objects and bytes seen per slot, when the walk counts here ({@link #count}). */
    private long[] counts;
    private long[] bytes;
    private int size;
    private int mask;

    KlassTable() {
        allocate(256);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        kinds = new byte[capacity];
        layoutHelpers = new int[capacity];
        extras = new int[capacity];
        infos = new SaKlassInfo[capacity];
        counts = new long[capacity];
        bytes = new long[capacity];
        mask = capacity - 1;
        size = 0;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The slot holding {@code klass}, or -1 when it is not in the table yet. */
    int find(long klass) {
        int i = hash(klass) & mask;
        while (true) {
            long k = keys[i];
            if (k == klass) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code klass} (absent from the table); {@code info} null records that it is not a Klass. */
    int add(long klass, SaKlassInfo info) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = hash(klass) & mask;
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        put(i, klass, info);
        size++;
        return i;
    }

    private void put(int slot, long klass, SaKlassInfo info) {
        keys[slot] = klass;
        infos[slot] = info;
        extras[slot] = -1;
        if (info == null) {
            kinds[slot] = INVALID;
            return;
        }
        layoutHelpers[slot] = info.layoutHelper();
        switch (info.kind()) {
            case TYPE_ARRAY, OBJ_ARRAY -> kinds[slot] = ARRAY;
            case MIRROR -> kinds[slot] = MIRROR;
            case STACK_CHUNK -> {
                int offset = stackChunkSizeOffset(info);
                kinds[slot] = offset < 0 ? INSTANCE : STACK_CHUNK;
                extras[slot] = offset;
            }
            default -> kinds[slot] = info.layoutHelper() > 0 ? INSTANCE : INVALID;
        }
    }

    private static int stackChunkSizeOffset(SaKlassInfo info) {
        return info.instanceFields().stream()
                .filter(f -> f.name().equals("size") && f.signature().equals("I"))
                .mapToInt(f -> (int) f.offset())
                .findFirst()
                .orElse(-1);
    }

    private void grow() {
        long[] oldKeys = keys;
        SaKlassInfo[] oldInfos = infos;
        long[] oldCounts = counts;
        long[] oldBytes = bytes;
        int oldSize = size;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = hash(oldKeys[j]) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                put(i, oldKeys[j], oldInfos[j]);
                counts[i] = oldCounts[j];
                bytes[i] = oldBytes[j];
            }
        }
        size = oldSize;
    }

    /** One more object of {@code size} bytes of the slot's klass. */
    void count(int slot, long size) {
        counts[slot]++;
        bytes[slot] += size;
    }

    /** Adds the objects and bytes counted per klass to {@code counter}. */
    void addCountsTo(HeapHistogram.Counter counter) {
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                counter.add(keys[i], counts[i], bytes[i]);
            }
        }
    }

    byte kind(int slot) {
        return kinds[slot];
    }

    int layoutHelper(int slot) {
        return layoutHelpers[slot];
    }

    int extra(int slot) {
        return extras[slot];
    }

    SaKlassInfo info(int slot) {
        return infos[slot];
    }

    int size() {
        return size;
    }
}
