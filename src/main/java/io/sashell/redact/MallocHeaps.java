package io.sashell.redact;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;

/**
 * Recognizes glibc malloc heaps among anonymous segments: the main arena's brk heap and the heaps of other
 * arenas (64 MB aligned mappings starting with a {@code heap_info}). A segment is a malloc heap when, from a
 * chunk start near its bottom, the chain of chunk sizes lands exactly on its end (the top chunk ends there).
 * Other data almost never forms such a chain, so nothing else is taken for a heap. A large block malloc
 * mapped on its own (its chunk marked IS_MMAPPED, e.g. a big arena chunk of symbols) is not a heap: redaction
 * treats it as any other anonymous mapping, kept whole when SA reads any of it.
 */
final class MallocHeaps {
    /** glibc's HEAP_MAX_SIZE on 64-bit: non-main arena heaps are aligned to it. */
    static final long ARENA_HEAP_ALIGN = 64L << 20;
    /** Where the first chunk may start: after heap_info and, for an arena's first heap, its malloc_state. */
    private static final int MAX_FIRST_CHUNK = 4096;
    private static final long SIZE_BITS = 7;
    /** A chunk's IS_MMAPPED bit: such a chunk is a mapping of its own, never part of a heap. */
    private static final long IS_MMAPPED = 2;
    private static final long MAX_STEPS = 50_000_000L;

    private MallocHeaps() {
    }

    /** True when [start, start + length) (all readable) is a malloc heap. Cost: one pass over its chunks. */
    static boolean isMallocHeap(MemoryReader memory, long start, long length) {
        long end = start + length;
        if (chainEndsAt(memory, start, end)) {
            return true;
        }
        if (start % ARENA_HEAP_ALIGN != 0) {
            return false;
        }
        try {
            // heap_info.ar_ptr: the arena, right after heap_info in an arena's first heap, or elsewhere.
            long arena = memory.readLong(start);
            if (arena == 0) {
                return false;
            }
        } catch (UnreadableMemoryException e) {
            return false;
        }
        for (long first = start + 16; first < start + MAX_FIRST_CHUNK && first < end; first += 16) {
            if (chainEndsAt(memory, first, end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean chainEndsAt(MemoryReader memory, long chunk, long end) {
        long c = chunk;
        long steps = 0;
        try {
            while (c < end && steps++ < MAX_STEPS) {
                long word = memory.readLong(c + 8);
                long size = word & ~SIZE_BITS;
                if ((word & IS_MMAPPED) != 0 || size < 32 || (size & 15) != 0 || c + size > end) {
                    return false;
                }
                c += size;
            }
        } catch (UnreadableMemoryException e) {
            return false;
        }
        return c == end && steps > 1;
    }
}
