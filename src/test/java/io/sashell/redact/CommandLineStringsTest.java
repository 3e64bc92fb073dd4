package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineStringsTest {

    private static List<String> strings(List<byte[]> bytes) {
        return bytes.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void splitsTheStackTopAtNuls() {
        byte[] block = "\0\0java\0-Dk=v\0\0HOME=/root\0".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("java", "-Dk=v", "HOME=/root"), strings(CommandLineStrings.split(block)));
        assertEquals(List.of(), strings(CommandLineStrings.split(new byte[0])));
    }

    @Test
    void needlesAreStringsWordsAndValuesOfSixBytesOrMore() {
        List<byte[]> in = List.of("-Dredact.prop=topSecret".getBytes(StandardCharsets.ISO_8859_1),
                "JAVA_TOOL_OPTIONS=-Dfoo=barbaz -Xmx1g".getBytes(StandardCharsets.ISO_8859_1),
                "-Xss1m".getBytes(StandardCharsets.ISO_8859_1), "x=1".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("-Dredact.prop=topSecret", "topSecret", "JAVA_TOOL_OPTIONS=-Dfoo=barbaz -Xmx1g",
                "-Dfoo=barbaz -Xmx1g", "barbaz -Xmx1g", "JAVA_TOOL_OPTIONS=-Dfoo=barbaz", "-Dfoo=barbaz", "barbaz",
                "-Xmx1g", "-Xss1m"),
                strings(CommandLineStrings.needles(in)));
    }
}
