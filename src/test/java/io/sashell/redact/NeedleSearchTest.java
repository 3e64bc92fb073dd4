package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class NeedleSearchTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Integer> offsets(NeedleSearch s, String block) {
        byte[] bytes = b(block);
        return s.find(bytes, 0, bytes.length).stream().map(NeedleSearch.Match::offset).toList();
    }

    @Test
    void findsWholeCStringsAndWordsOnly() {
        NeedleSearch s = new NeedleSearch(List.of(b("s3cr3tValue")));
        assertEquals(List.of(1), offsets(s, "\0s3cr3tValue\0"));
        assertEquals(List.of(6), offsets(s, "-Dkey=s3cr3tValue -Xmx1g"));
        assertEquals(List.of(5), offsets(s, "Main s3cr3tValue"), "at the end of the block");
        assertEquals(List.of(0), offsets(s, "s3cr3tValue rest"), "at the start of the block");
        assertEquals(List.of(), offsets(s, "\0s3cr3tValue:rest"), "followed by other text");
        assertEquals(List.of(), offsets(s, "\0xs3cr3tValue\0"), "inside a longer string");
        assertEquals(List.of(), offsets(s, "\0s3cr3tValueX\0"), "a prefix of a longer string");
    }

    @Test
    void skipsSymbolShapedMatches() {
        NeedleSearch s = new NeedleSearch(List.of(b("MainClassName")));
        // A HotSpot Symbol: u4 hash and refcount, u2 length (13), then the body.
        assertEquals(List.of(), offsets(s, "\1\2\3\4\15\0MainClassName\0"));
        // A strdup'd copy: malloc's chunk header ends in NUL bytes.
        assertEquals(List.of(8), offsets(s, "\41\0\0\0\0\0\0\0MainClassName\0"));
    }

    @Test
    void windowsLimitWhereMatchesStart() {
        NeedleSearch s = new NeedleSearch(List.of(b("abcdefgh")));
        byte[] block = b("\0abcdefgh\0abcdefgh\0");
        assertEquals(1, s.find(block, 0, 5).size());
        assertEquals(10, s.find(block, 5, block.length).get(0).offset());
        assertEquals(8, s.maxLength());
    }

    @Test
    void needlesSharingAPrefixAreAllFound() {
        NeedleSearch s = new NeedleSearch(List.of(b("prefix-one"), b("prefix-two")));
        assertEquals(List.of(1, 12), offsets(s, "\0prefix-two\0prefix-one\0"));
    }

    @Test
    void exactNeedlesMatchWithoutDelimitersInTheSamePass() {
        byte[] framed = JfrStrings.framed(3, b("s3cr3tValue"));
        NeedleSearch s = new NeedleSearch(List.of(b("s3cr3tValue")), List.of(framed));
        byte[] block = b("xx\3\13s3cr3tValue\u00f0\0s3cr3tValue\0");
        List<NeedleSearch.Match> m = s.find(block, 0, block.length);
        assertEquals(List.of(new NeedleSearch.Match(2, 13, true), new NeedleSearch.Match(17, 11, false)), m);
    }

    @Test
    void shortNeedlesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NeedleSearch(List.of(b("abc"))));
    }
}
