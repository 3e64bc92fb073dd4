package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.sashell.testkit.Jdks;

/**
 * SA's stack chunk defect on a JDK 25 core with parked virtual threads
 * ({@code testdata/walker/ParkedVirtualThreads.java}): SA sizes a {@code jdk.internal.vm.StackChunk} as a
 * plain instance, lands inside the chunk's stack and drops the rest of that stretch. The walker sizes chunks
 * by their stack, walks every stretch to its top, and finds every parked thread's chunk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VirtualThreadStackChunkCoreIT {

    private WalkerCoreRun run;

    @BeforeAll
    void walk() throws Exception {
        run = WalkerCoreRun.of(Jdks.JDK25, "ParkedVirtualThreads.java", "-Xmx64m", "-XX:+UseG1GC");
    }

    @Test
    void walkerFindsEveryChunkWithoutDamage() {
        assertEquals(List.of(), run.damage);
        assertEquals(run.fact("walk-total"), run.fact("walk-bytes"));
        List<WalkerCoreRun.Row> chunks = run.walkerRows("jdk.internal.vm.StackChunk");
        assertEquals(1, chunks.size());
        assertTrue(chunks.get(0).count() >= run.scenarioNumber("threads"), chunks::toString);
        // Each chunk holds a stack a few frames deep: far more than the instance's 48 bytes.
        assertTrue(chunks.get(0).bytes() / chunks.get(0).count() > 1000, chunks::toString);
        assertEquals(run.scenarioNumber("items"), run.walkerRows("ParkedVirtualThreads$Item").get(0).count());
    }

    @Test
    void saLosesChunksAndWhatFollowsThem() {
        long walkerChunks = run.walkerRows("jdk.internal.vm.StackChunk").get(0).count();
        long saChunks = run.saRows("jdk.internal.vm.StackChunk").stream().mapToLong(WalkerCoreRun.Row::count).sum();
        assertTrue(saChunks < walkerChunks, () -> "SA " + saChunks + ", walker " + walkerChunks);
        assertTrue(run.fact("sa-objects") < run.fact("walk-objects"));
    }

    @Test
    void whatSaFoundBeyondTheWalkersObjectsLiesInsideStackChunks() {
        long chunkKlass = run.walkerRows("jdk.internal.vm.StackChunk").get(0).klass();
        long[] walker = run.walkerAddresses;
        long[] order = WalkerCoreRun.sorted(walker);
        long[] extra = Arrays.stream(run.saAddresses).filter(a -> Arrays.binarySearch(order, a) < 0).toArray();
        for (long a : extra) {
            // The walker's object starting last below a: SA's extra object must lie inside a chunk.
            int i = -Arrays.binarySearch(order, a) - 2;
            assertTrue(i >= 0, "SA object below every walker object");
            int k = indexOf(walker, order[i]);
            assertEquals(chunkKlass, run.walkerKlasses[k], String.format("0x%x is not inside a stack chunk", a));
            assertTrue(a < walker[k] + run.walkerSizes[k]);
        }
        // Where SA found a chunk, it gave it the plain instance size; the walker gave the stack's.
        long saChunkBytes = run.saRows("jdk.internal.vm.StackChunk").stream()
                .mapToLong(WalkerCoreRun.Row::bytes).sum();
        long saChunks = run.saRows("jdk.internal.vm.StackChunk").stream()
                .mapToLong(WalkerCoreRun.Row::count).sum();
        assertTrue(saChunks == 0 || saChunkBytes / saChunks < 100, () -> saChunkBytes + " bytes");
    }

    private static int indexOf(long[] values, long value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new AssertionError("no " + value);
    }
}
