package io.sashell.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The strings the process was started with (arguments, environment), as search needles for their native
 * copies: the launcher and the VM copy arguments, {@code -D} values and the command line into malloc memory
 * ({@code JavaVMOption}s, system properties, {@code sun.java.command}). Each string yields itself, each
 * space-separated word of it, and for each of those what follows each {@code =} ({@code -Dkey=VALUE},
 * {@code NAME=VALUE}, {@code JAVA_TOOL_OPTIONS=-Dkey=VALUE}). Needles shorter than {@link #MIN_LENGTH} bytes are dropped: too
 * common to tell apart from other data.
 */
final class CommandLineStrings {
    static final int MIN_LENGTH = 6;

    private CommandLineStrings() {
    }

    /** Splits a block of NUL-terminated strings (the main stack's top) into strings, skipping empty ones. */
    static List<byte[]> split(byte[] block) {
        List<byte[]> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i <= block.length; i++) {
            if (i == block.length || block[i] == 0) {
                if (i > s) {
                    byte[] b = new byte[i - s];
                    System.arraycopy(block, s, b, 0, b.length);
                    out.add(b);
                }
                s = i + 1;
            }
        }
        return out;
    }

    static List<byte[]> needles(Collection<byte[]> strings) {
        Set<String> seen = new LinkedHashSet<>();
        for (byte[] b : strings) {
            // ISO-8859-1 maps bytes one to one, so any bytes survive the round trip.
            String s = new String(b, StandardCharsets.ISO_8859_1);
            addWithValue(s, seen);
            for (String word : s.split(" ")) {
                addWithValue(word, seen);
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (String s : seen) {
            if (s.length() >= MIN_LENGTH) {
                out.add(s.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    private static void addWithValue(String s, Set<String> seen) {
        seen.add(s);
        for (int eq = s.indexOf('='); eq >= 0; eq = s.indexOf('=', eq + 1)) {
            seen.add(s.substring(eq + 1));
        }
    }
}
