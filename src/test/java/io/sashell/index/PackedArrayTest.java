package io.sashell.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compressed arrays at sizes 0, 1, page − 1, page and page + 1 (a page here is 64 bytes, so values
 * straddle pages), for widths that divide 64 and widths that do not.
 */
class PackedArrayTest {
    private static final int PAGE_SHIFT = 6;
    private static final int PAGE_BITS = 8 << PAGE_SHIFT;

    @TempDir
    Path dir;

    static Stream<Arguments> sizes() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int bits : new int[] {1, 3, 7, 13, 31, 32, 33, 47, 63, 64}) {
            long page = PAGE_BITS / bits;
            for (long n : new long[] {0, 1, page - 1, page, page + 1, 3 * page + 7}) {
                b.add(Arguments.of(bits, n));
            }
        }
        return b.build();
    }

    private static long[] values(long n, int bits, long seed) {
        Random r = new Random(seed);
        long[] v = new long[(int) n];
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int i = 0; i < n; i++) {
            v[i] = i % 5 == 0 ? mask : r.nextLong() & mask;
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void valuesReadBackOnHeapPages(int bits, long n) {
        Pages pages = Pages.onHeap(Math.max(8, PackedArray.bytesFor(n, bits)), PAGE_SHIFT);
        check(new PackedArray(pages, 0, n, bits), n, bits);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void valuesReadBackInAMappedFile(int bits, long n) throws IOException {
        try (RegionFile f = RegionFile.create(dir.resolve("a"), PAGE_SHIFT, 16)) {
            RegionFile.Region r = f.allocate(Math.max(8, PackedArray.bytesFor(n, bits)));
            check(new PackedArray(r.pages(), 0, n, bits), n, bits);
            f.finish();
            Pages reread = RegionFile.map(f.channel(), java.nio.channels.FileChannel.MapMode.READ_ONLY,
                    r.offset(), r.pages().length(), PAGE_SHIFT);
            PackedArray again = new PackedArray(reread, 0, n, bits);
            long[] v = values(n, bits, n * 31 + bits);
            for (int i = 0; i < n; i++) {
                assertEquals(i % 3 == 0 ? 0 : v[i], again.get(i), "index " + i);
            }
        }
    }

    /** Writes values in a scrambled order, so that each write must keep its neighbours' bits. */
    private static void check(PackedArray a, long n, int bits) {
        assertEquals(n, a.length());
        long[] v = values(n, bits, n * 31 + bits);
        for (int i = 0; i < n; i += 2) {
            a.set(i, v[i]);
        }
        for (int i = 1; i < n; i += 2) {
            a.set(i, v[i]);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(v[i], a.get(i), "index " + i);
        }
        // Overwriting with zeros and back leaves the others alone.
        for (int i = 0; i < n; i += 3) {
            a.set(i, 0);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i % 3 == 0 ? 0 : v[i], a.get(i), "index " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(n));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(-1));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void aSequentialWriterKeepsTheValuesAroundItsRange(int bits, long n) {
        Pages pages = Pages.onHeap(Math.max(8, PackedArray.bytesFor(n, bits)), PAGE_SHIFT);
        PackedArray a = new PackedArray(pages, 0, n, bits);
        long[] v = values(n, bits, n * 7 + bits);
        long from = n / 3;
        long to = n - n / 4;
        for (long i = 0; i < n; i++) {
            if (i < from || i >= to) {
                a.set(i, v[(int) i]);
            } else {
                a.set(i, v[(int) (n - 1 - i)]);
            }
        }
        try (PackedArray.Writer w = a.writer(from)) {
            for (long i = from; i < to; i++) {
                w.add(v[(int) i]);
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(v[i], a.get(i), "index " + i);
        }
    }

    @Test
    void bitsAndBytes() {
        assertEquals(1, PackedArray.bitsFor(0));
        assertEquals(1, PackedArray.bitsFor(1));
        assertEquals(2, PackedArray.bitsFor(2));
        assertEquals(23, PackedArray.bitsFor(8_000_000));
        assertEquals(64, PackedArray.bitsFor(-1));
        assertEquals(0, PackedArray.bytesFor(0, 17));
        assertEquals(8, PackedArray.bytesFor(1, 17));
        assertEquals(8, PackedArray.bytesFor(64, 1));
        assertEquals(16, PackedArray.bytesFor(65, 1));
        PackedArray a = PackedArray.onHeap(3, 5);
        assertThrows(IllegalArgumentException.class, () -> a.set(0, 32));
        assertThrows(IllegalArgumentException.class, () -> new PackedArray(Pages.onHeap(8, 6), 0, 100, 7));
    }

    @Test
    void groupsOfSixtyFourValuesShareNoWord() {
        for (int bits = 1; bits <= 64; bits++) {
            assertEquals(bits * 8L, PackedArray.bytesFor(64, bits));
        }
    }
}
