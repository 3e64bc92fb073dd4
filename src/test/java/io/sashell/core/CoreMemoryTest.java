package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment edges of a core: A at 0x10000 (0x100 bytes), B right after A at 0x10100 (0x100 bytes), a gap, C at
 * 0x20000 with 0x80 of its 0x1000 bytes dumped, D at 0x30000 over three 4 KB slices, E high in the address
 * space. Slices are 4 KB here (1 GB in use) so reads across slice edges are tested on a tiny file.
 */
class CoreMemoryTest {
    private static final long A = 0x10000;
    private static final long B = 0x10100;
    private static final long C = 0x20000;
    private static final long D = 0x30000;
    private static final long E = 0xffffffffff600000L;
    private static final byte[] A_DATA = SyntheticCore.filled(0x100, 1);
    private static final byte[] B_DATA = SyntheticCore.filled(0x100, 2);
    private static final byte[] C_DATA = SyntheticCore.filled(0x80, 3);
    private static final byte[] D_DATA = SyntheticCore.filled(3 * 4096 + 100, 4);
    private static final byte[] E_DATA = SyntheticCore.filled(0x1000, 5);

    @TempDir
    Path dir;
    private ElfCore core;
    private CoreMemory m;

    @BeforeEach
    void open() throws Exception {
        Path f = new SyntheticCore()
                .segment(D, D_DATA.length, D_DATA)
                .segment(A, 0x100, A_DATA)
                .segment(B, 0x100, B_DATA)
                .segment(C, 0x1000, C_DATA)
                .segment(E, 0x1000, E_DATA, SyntheticCore.R)
                .write(dir.resolve("core"));
        core = ElfCore.open(f, 12);
        m = core.memory();
    }

    @AfterEach
    void close() throws Exception {
        core.close();
    }

    private static long longAt(byte[] data, int at) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
    }

    private static int intAt(byte[] data, int at) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void firstAndLastByteOfASegment() {
        assertEquals(A_DATA[0], m.readByte(A));
        assertEquals(A_DATA[0xff], m.readByte(A + 0xff));
        assertEquals(longAt(A_DATA, 0), m.readLong(A));
        assertEquals(intAt(A_DATA, 0xfc), m.readInt(A + 0xfc));
        assertEquals(longAt(A_DATA, 0xf8), m.readLong(A + 0xf8));
        assertEquals(longAt(C_DATA, 0x78), m.readLong(C + 0x78));
    }

    @Test
    void bytesJustOutsideSegmentsAreUnreadable() {
        assertEquals(A - 1, assertThrows(UnreadableMemoryException.class, () -> m.readByte(A - 1)).address());
        assertEquals(A - 4, assertThrows(UnreadableMemoryException.class, () -> m.readLong(A - 4)).address());
        assertEquals(B + 0x100, assertThrows(UnreadableMemoryException.class, () -> m.readByte(B + 0x100)).address());
        assertThrows(UnreadableMemoryException.class, () -> m.readLong(0));
        assertThrows(UnreadableMemoryException.class, () -> m.readInt(-1L));
        assertFalse(m.isReadable(A - 1, 1));
        assertFalse(m.isReadable(B + 0x100, 1));
    }

    @Test
    void readsSpanningTwoAdjacentSegments() {
        byte[] ab = concat(A_DATA, B_DATA);
        assertEquals(longAt(ab, 0xfc), m.readLong(A + 0xfc));
        assertEquals(longAt(ab, 0xf9), m.readLong(A + 0xf9));
        assertEquals(intAt(ab, 0xfe), m.readInt(A + 0xfe));
        byte[] into = new byte[0x180];
        m.read(A + 0x40, into, 0, into.length);
        assertArrayEquals(Arrays.copyOfRange(ab, 0x40, 0x1c0), into);
        assertTrue(m.isReadable(A, 0x200));
        assertFalse(m.isReadable(A, 0x201));
    }

    @Test
    void readIntoTheGapFails() {
        assertEquals(B + 0x100, assertThrows(UnreadableMemoryException.class, () -> m.readLong(B + 0xfc)).address());
        byte[] into = new byte[0x20];
        assertThrows(UnreadableMemoryException.class, () -> m.read(B + 0xf0, into, 0, 0x20));
        assertThrows(UnreadableMemoryException.class, () -> m.readLong(0x15000));
        assertFalse(m.isReadable(0x15000, 8));
    }

    @Test
    void bytesPastFileSizeAreUnreadableNotOutOfBounds() {
        assertTrue(m.isReadable(C, 0x80));
        assertFalse(m.isReadable(C, 0x81));
        assertFalse(m.isReadable(C + 0x80, 1));
        assertFalse(m.isReadable(C + 0xfff, 1));
        assertEquals(C + 0x80, assertThrows(UnreadableMemoryException.class, () -> m.readByte(C + 0x80)).address());
        assertEquals(C + 0x80, assertThrows(UnreadableMemoryException.class, () -> m.readLong(C + 0x7c)).address());
        assertThrows(UnreadableMemoryException.class, () -> m.readInt(C + 0xffc));
        assertThrows(UnreadableMemoryException.class, () -> m.read(C + 0x70, new byte[0x20], 0, 0x20));
    }

    @Test
    void readsAcrossSliceEdges() {
        // D's data starts at some file offset; every long and int in it must read right wherever slices cut.
        for (int at = 0; at + 8 <= D_DATA.length; at++) {
            assertEquals(longAt(D_DATA, at), m.readLong(D + at), "long at +" + at);
        }
        for (int at = 0; at + 4 <= D_DATA.length; at += 3) {
            assertEquals(intAt(D_DATA, at), m.readInt(D + at), "int at +" + at);
        }
        byte[] all = new byte[D_DATA.length];
        m.read(D, all, 0, all.length);
        assertArrayEquals(D_DATA, all);
        byte[] part = new byte[5000];
        m.read(D + 4000, part, 10, 4990);
        assertArrayEquals(Arrays.copyOfRange(D_DATA, 4000, 8990), Arrays.copyOfRange(part, 10, 5000));
    }

    @Test
    void alternatingSegmentsKeepReadingRight() {
        // The remembered segment must never answer for another one.
        for (int i = 0; i < 0xf8; i += 8) {
            assertEquals(longAt(A_DATA, i), m.readLong(A + i));
            assertEquals(longAt(D_DATA, i), m.readLong(D + i));
            assertEquals(longAt(B_DATA, i), m.readLong(B + i));
            assertEquals(longAt(E_DATA, i), m.readLong(E + i));
        }
    }

    @Test
    void oneThreadsReaderReadsWhatTheSharedOneReads() {
        // Its own hint of the last chunk must never answer for another chunk either, at slice edges, across
        // adjacent segments, past the dumped bytes, with the shared reader's hint moved in between.
        MemoryReader mine = m.forOneThread();
        for (int at = 0; at + 8 <= D_DATA.length; at++) {
            assertEquals(longAt(D_DATA, at), mine.readLong(D + at), "long at +" + at);
            assertEquals(m.readInt(A + (at % 0xfc)), mine.readInt(A + (at % 0xfc)));
            assertEquals(m.readByte(E + (at % 0x1000)), mine.readByte(E + (at % 0x1000)));
        }
        assertEquals(longAt(concat(A_DATA, B_DATA), 0xfc), mine.readLong(A + 0xfc));
        assertEquals(intAt(C_DATA, 0x7c), mine.readInt(C + 0x7c));
        assertThrows(UnreadableMemoryException.class, () -> mine.readInt(C + 0x80));
        assertThrows(UnreadableMemoryException.class, () -> mine.readLong(A - 8));
        byte[] all = new byte[D_DATA.length];
        mine.read(D, all, 0, all.length);
        assertArrayEquals(D_DATA, all);
        assertTrue(mine.isReadable(B, 0x100));
        assertFalse(mine.isReadable(C, 0x81));
    }

    @Test
    void highAddressesUseUnsignedOrder() {
        assertEquals(longAt(E_DATA, 0), m.readLong(E));
        assertEquals(longAt(E_DATA, 0xff8), m.readLong(E + 0xff8));
        assertTrue(m.isReadable(E, 0x1000));
        assertThrows(UnreadableMemoryException.class, () -> m.readByte(E + 0x1000));
        assertThrows(UnreadableMemoryException.class, () -> m.readByte(E - 1));
    }

    @Test
    void zeroLengthReadsAndBounds() {
        assertTrue(m.isReadable(0x15000, 0));
        m.read(0x15000, new byte[4], 2, 0);
        assertThrows(IndexOutOfBoundsException.class, () -> m.read(A, new byte[4], 2, 3));
    }

    @Test
    void viewsOfOneChunk() {
        ByteBuffer v = m.view(A + 0x10, 0x20).orElseThrow();
        assertEquals(0x20, v.remaining());
        assertEquals(longAt(A_DATA, 0x18), v.getLong(8));
        assertTrue(v.isReadOnly());
        assertEquals(Optional.empty(), m.view(A + 0xf0, 0x20), "runs into B");
        assertEquals(Optional.empty(), m.view(C + 0x70, 0x20), "runs past the dumped bytes");
        assertEquals(Optional.empty(), m.view(0x15000, 1), "not mapped");
        assertEquals(Optional.empty(), m.view(D + 4000, 5000), "crosses a slice of the file");
    }

    @Test
    void partlyDumpedSegmentAcrossSlices() throws Exception {
        byte[] data = SyntheticCore.filled(5000, 7);
        Path f = new SyntheticCore().segment(0x40000, 0x3000, data).write(dir.resolve("partly"));
        try (ElfCore c = ElfCore.open(f, 12)) {
            CoreMemory p = c.memory();
            for (int at = 0; at + 8 <= data.length; at += 7) {
                assertEquals(longAt(data, at), p.readLong(0x40000 + at));
            }
            assertTrue(p.isReadable(0x40000, 5000));
            assertFalse(p.isReadable(0x40000, 5001));
            assertEquals(0x40000 + 5000, assertThrows(UnreadableMemoryException.class,
                    () -> p.readLong(0x40000 + 4996)).address());
            assertThrows(UnreadableMemoryException.class, () -> p.readByte(0x42fff));
            assertThrows(UnreadableMemoryException.class, () -> p.readByte(0x43000));
        }
    }

    @Test
    void cString() {
        byte[] data = "hello\0world".getBytes(StandardCharsets.US_ASCII);
        assertEquals("hello", readCStringFrom(data, 64));
        assertEquals("hel", readCStringFrom(data, 3));
    }

    private String readCStringFrom(byte[] data, int max) {
        try {
            Path f = new SyntheticCore().segment(0x9000, data.length, data).write(dir.resolve("s" + max));
            try (ElfCore c = ElfCore.open(f)) {
                return c.memory().readCString(0x9000, max);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void coreWithoutSegmentsReadsNothing() throws Exception {
        Path f = new SyntheticCore().prstatus(1, 6).write(dir.resolve("empty-core"));
        try (ElfCore c = ElfCore.open(f)) {
            CoreMemory none = c.memory();
            assertThrows(UnreadableMemoryException.class, () -> none.readLong(0));
            assertThrows(UnreadableMemoryException.class, () -> none.readInt(0x1000));
            assertThrows(UnreadableMemoryException.class, () -> none.readByte(0x1000));
            assertFalse(none.isReadable(0, 1));
        }
    }

    @Test
    void segmentWithNothingDumped() throws Exception {
        Path f = new SyntheticCore().segment(0x4000, 0x1000, new byte[0]).segment(0x5000, 8, new byte[8])
                .write(dir.resolve("guard"));
        try (ElfCore c = ElfCore.open(f)) {
            assertThrows(UnreadableMemoryException.class, () -> c.memory().readLong(0x4ffc));
            assertEquals(0, c.memory().readLong(0x5000));
            assertFalse(c.memory().isReadable(0x4000, 1));
        }
    }
}
