package io.sashell.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.StackRange;

class ConservativeRootsTest {
    private static final long STACK = 0x7000_0000L;
    private static final long THREAD_A = 0xA0;
    private static final long THREAD_B = 0xB0;

    /** Little-endian words from {@code STACK}; a page above them is unreadable. */
    private static MemoryReader stack(long... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) {
            b.putLong(w);
        }
        return new MemoryReader() {
            @Override
            public byte readByte(long address) {
                return b.get(offset(address, 1));
            }

            @Override
            public int readInt(long address) {
                return b.getInt(offset(address, 4));
            }

            @Override
            public long readLong(long address) {
                return b.getLong(offset(address, 8));
            }

            @Override
            public void read(long address, byte[] into, int offset, int length) {
                b.get(offset(address, length), into, offset, length);
            }

            @Override
            public boolean isReadable(long address, long length) {
                return address >= STACK && address + length <= STACK + b.capacity();
            }

            private int offset(long address, int length) {
                if (!isReadable(address, length)) {
                    throw new UnreadableMemoryException(address);
                }
                return (int) (address - STACK);
            }
        };
    }

    private static List<String> matches(ConservativeRoots roots, long... objects) {
        List<String> out = new ArrayList<>();
        for (long o : objects) {
            // As the exporter asks: the cheap test first, then the matches.
            boolean hit = roots.hit(o);
            int before = out.size();
            roots.match(o, t -> out.add(Long.toHexString(o) + "@" + Long.toHexString(t)));
            assertEquals(hit, out.size() > before, "hit(" + Long.toHexString(o) + ") agrees with match");
        }
        return out;
    }

    @Test
    void noStacksMatchNothing() {
        ConservativeRoots r = ConservativeRoots.of(List.of(), stack(), SaHeapCompression.off(), false);
        assertEquals(0, r.candidates());
        assertEquals(List.of(), matches(r, 0x1000, 0x2000));
    }

    @Test
    void wordsAndRegistersThatAreObjectStartsMatchOncePerThread() {
        MemoryReader m = stack(0x1000, 0x2000, 0x1000, 0x3008);
        StackRange a = new StackRange("a", THREAD_A, 1, STACK, STACK + 32, "running", List.of(0x4000L, 0x1000L));
        StackRange b = new StackRange("b", THREAD_B, 2, STACK + 8, STACK + 16, "frame");
        ConservativeRoots r = ConservativeRoots.of(List.of(a, b), m, SaHeapCompression.off(), false);
        // 0x3008 is inside an object (not a start): no root.
        assertEquals(List.of("1000@a0", "2000@a0", "2000@b0", "4000@a0"),
                matches(r, 0x1000, 0x2000, 0x3000, 0x4000, 0x5000));
    }

    @Test
    void objectsPassedOverAreNotMatchedLater() {
        StackRange a = new StackRange("a", THREAD_A, 1, STACK, STACK + 16, "running");
        ConservativeRoots r = ConservativeRoots.of(List.of(a), stack(0x1000, 0x2000), SaHeapCompression.off(), false);
        assertEquals(List.of("2000@a0"), matches(r, 0x2000, 0x1000));
    }

    @Test
    void narrowOopsMatchByEitherHalf() {
        SaHeapCompression oops = SaHeapCompression.of(0x8_0000_0000L, 3);
        long word = (0x300L << 32) | 0x200L;
        StackRange a = new StackRange("a", THREAD_A, 1, STACK, STACK + 8, "running");
        ConservativeRoots r = ConservativeRoots.of(List.of(a), stack(word), oops, true);
        assertEquals(List.of("800001000@a0", "800001800@a0"), matches(r, 0x8_0000_1000L, 0x8_0000_1800L));
    }

    @Test
    void unreadablePagesAreSkipped() {
        StackRange a = new StackRange("a", THREAD_A, 1, STACK, STACK + 0x3000, "running");
        ConservativeRoots r = ConservativeRoots.of(List.of(a), stack(0x1000), SaHeapCompression.off(), false);
        assertEquals(List.of("1000@a0"), matches(r, 0x1000));
    }
}
