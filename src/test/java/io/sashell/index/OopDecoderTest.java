package io.sashell.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sashell.sa.SaZgcForwardings;

/** Reference decoding as the index keeps it: narrow, plain, coloured with forwardings, and the file's section. */
class OopDecoderTest {

    private static IndexHeader header(int oopSize, long base, int shift) {
        return new IndexHeader(new CoreIdentity(1, 2, "notes"), "vm", 0, 0, 0, 0, 0, 0, 0, oopSize, base, shift, 8,
                0, 3, 20, 16, 0, 0, 0, Map.of());
    }

    @Test
    void narrowAndPlainReferences() {
        OopDecoder narrow = OopDecoder.of(header(4, 0x800000000L, 3), new byte[0]);
        assertEquals(0, narrow.decode(0));
        assertEquals(0x800000000L + (5L << 3), narrow.decode(5));
        assertEquals(0x800000000L + (5L << 3), narrow.decode(0xFFFF_FFFF_0000_0005L));
        OopDecoder plain = OopDecoder.of(header(8, 0, 0), new byte[0]);
        assertEquals(0x7f0012345678L, plain.decode(0x7f0012345678L));
        assertFalse(plain.coloured());
    }

    @Test
    void colouredReferencesAreForwardedThroughTheKeptSection() {
        SaZgcForwardings f = new SaZgcForwardings(0x7000, new long[] {0x40000001000L}, new long[] {0x40000801000L},
                true);
        byte[] section = new OopDecoder(8, 0, OopDecoder.COLOURED, f).encodeForwardings();
        OopDecoder read = OopDecoder.of(header(8, 0, OopDecoder.COLOURED), section);
        assertEquals(f, read.forwardings());
        long bad = (0x40000001000L << 13) | (1L << 12);
        long good = (0x40000001000L << 16) | (1L << 15);
        assertEquals(0x40000801000L, read.decode(bad));
        assertEquals(0x40000001000L, read.decode(good));
        assertEquals(0, new OopDecoder(8, 0, OopDecoder.COLOURED, SaZgcForwardings.none()).encodeForwardings().length);
        assertThrows(IllegalArgumentException.class, () -> OopDecoder.of(header(8, 0, OopDecoder.COLOURED),
                java.util.Arrays.copyOf(section, section.length - 1)));
    }
}
