package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** JFR string framing (the needles of the recorder's buffers) and the in-place overwrite of a recording's strings. */
class JfrStringsTest {
    @Test
    void asciiStringsHaveThreeFormsOthersOne() {
        List<byte[]> forms = JfrStrings.forms(List.of("secret".getBytes(StandardCharsets.US_ASCII)), List.of("\u0416\u0416ab"));
        assertEquals(4, forms.size());
        assertArrayEquals(new byte[] {3, 6, 's', 'e', 'c', 'r', 'e', 't'}, forms.get(0));
        assertArrayEquals(new byte[] {4, 6, 's', 'e', 'c', 'r', 'e', 't'}, forms.get(1));
        assertArrayEquals(new byte[] {5, 6, 's', 'e', 'c', 'r', 'e', 't'}, forms.get(2));
        assertEquals(3, forms.get(3)[0]);
        assertEquals(6, forms.get(3)[1], "UTF-8 bytes");
    }

    @Test
    void shortAndRepeatedStringsAreLeftOut() {
        assertEquals(0, JfrStrings.forms(List.of("abc".getBytes(StandardCharsets.US_ASCII)), List.of("ab")).size());
        assertEquals(3, JfrStrings.forms(List.of("secret".getBytes(StandardCharsets.US_ASCII)), List.of("secret")).size());
    }

    @Test
    void lengthsOf128AndMoreTakeTwoVarintBytes() {
        byte[] f = JfrStrings.framed(3, new byte[200]);
        assertEquals(203, f.length);
        assertEquals((byte) (200 & 0x7F | 0x80), f[1]);
        assertEquals(1, f[2]);
        long[] v = JfrScrubber.varint(f, 1);
        assertEquals(200, v[0]);
        assertEquals(3, v[1]);
        assertNull(JfrScrubber.varint(new byte[] {(byte) 0x80}, 0));
    }

    @Test
    void overwriteKeepsEveryEncodingsByteLength() {
        byte[] b = {9, 3, 6, 's', 'e', 'c', 'r', 'e', 't', 5, 6, 's', 'e', 'c', 'r', 'e', 't',
                4, 2, (byte) 0x96, 0x08, 'x', 3, 5, 'o', 't', 'h', 'e', 'r'};
        int n = JfrScrubber.overwrite(b, Set.of("secret", "\u0416x"));
        assertEquals(3, n, "UTF-8, Latin-1, and the char array of two chars (three bytes)");
        assertArrayEquals(new byte[] {9, 3, 6, '*', '*', '*', '*', '*', '*', 5, 6, '*', '*', '*', '*', '*', '*',
                4, 2, (byte) ('*' | 0x80), 0, '*', 3, 5, 'o', 't', 'h', 'e', 'r'}, b);
    }

    @Test
    void aCharArrayBecomesStarsOfTheSameByteLength() {
        byte[] b = {4, 3, (byte) 0x96, 0x08, 'a', 'b', 0};
        assertEquals(1, JfrScrubber.overwrite(b, Set.of("\u0416ab")));
        assertArrayEquals(new byte[] {4, 3, (byte) ('*' | 0x80), 0, '*', '*', 0}, b);
        assertEquals('*', JfrScrubber.varint(b, 2)[0]);
    }
}
