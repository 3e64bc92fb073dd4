package io.sashell.redact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Strings as the Flight Recorder writes them into its native buffers (and its files): an encoding byte, the
 * length as a varint, the contents: 3 UTF-8, 4 chars as varints (for ASCII one byte each), 5 Latin-1. A JVM
 * that records holds its arguments, environment (jdk.InitialEnvironmentVariable, jdk.InitialSystemProperty,
 * jdk.JVMInformation) and thread names so, with no delimiter a C-string search could rely on.
 */
final class JfrStrings {
    /** Shorter strings are not searched: with their two framing bytes, too likely to match other data. */
    static final int MIN_LENGTH = 4;

    private JfrStrings() {
    }

    /** Every JFR encoding of each process string (bytes) and thread name (text). */
    static List<byte[]> forms(Collection<byte[]> processStrings, Collection<String> threadNames) {
        Set<String> seen = new LinkedHashSet<>();
        List<byte[]> contents = new ArrayList<>(processStrings);
        for (String t : threadNames) {
            contents.add(t.getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> out = new ArrayList<>();
        for (byte[] c : contents) {
            if (c.length < MIN_LENGTH || !seen.add(new String(c, StandardCharsets.ISO_8859_1))) {
                continue;
            }
            out.add(framed(3, c));
            boolean ascii = true;
            for (byte b : c) {
                ascii &= b >= 0;
            }
            if (ascii) {
                out.add(framed(4, c));
                out.add(framed(5, c));
            }
        }
        return out;
    }

    static byte[] framed(int encoding, byte[] contents) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(contents.length + 6);
        b.write(encoding);
        long v = contents.length;
        while (v >= 0x80) {
            b.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b.write((int) v);
        b.writeBytes(contents);
        return b.toByteArray();
    }
}
