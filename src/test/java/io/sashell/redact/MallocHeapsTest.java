package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import io.sashell.core.MemoryReader;
import io.sashell.testkit.HeapBytes;

class MallocHeapsTest {
    static final long BASE = MallocHeaps.ARENA_HEAP_ALIGN * 3;

    /** Memory at BASE holding {@code b}. */
    private static MemoryReader memory(ByteBuffer b) {
        return HeapBytes.memoryOver(b, BASE);
    }

    /** Chunks of the given sizes from {@code first}; the size word is at chunk + 8 with PREV_INUSE set. */
    private static void chain(ByteBuffer b, int first, int... sizes) {
        int c = first;
        for (int s : sizes) {
            b.putLong(c + 8, s | 1);
            c += s;
        }
    }

    @Test
    void aChainOfChunksEndingAtTheSegmentEndIsAHeap() {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        chain(b, 0, 32, 48, 1024, 4096 - 32 - 48 - 1024);
        assertTrue(MallocHeaps.isMallocHeap(memory(b), BASE, 4096));
    }

    @Test
    void anArenaHeapStartsAfterItsHeader() {
        ByteBuffer b = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, BASE + 48);
        chain(b, 2288, 64, 8192 - 2288 - 64);
        assertTrue(MallocHeaps.isMallocHeap(memory(b), BASE, 8192));
    }

    @Test
    void otherDataIsNotAHeap() {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        assertFalse(MallocHeaps.isMallocHeap(memory(b), BASE, 4096), "zeros");
        chain(b, 0, 32, 48, 1024);
        assertFalse(MallocHeaps.isMallocHeap(memory(b), BASE, 4096), "a chain that runs off");
        ByteBuffer c = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        chain(c, 0, 4096);
        assertFalse(MallocHeaps.isMallocHeap(memory(c), BASE, 4096), "one chunk is not a chain");
        ByteBuffer m = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        m.putLong(8, 2048 | 2);
        m.putLong(2048 + 8, 2048 | 1);
        assertFalse(MallocHeaps.isMallocHeap(memory(m), BASE, 4096), "a block malloc mapped on its own");
    }
}
