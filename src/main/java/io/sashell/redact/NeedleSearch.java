package io.sashell.redact;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds whole C strings equal to one of a set of needles in a block of memory: the match must start after a
 * NUL, space, {@code =} or {@code :} (or a string's own start in a malloc chunk, whose header ends in NUL
 * bytes) and end before a NUL or a space. A match shaped like a HotSpot {@code Symbol} (its 16-bit length
 * just before it) is skipped: class names are Symbols, and a class named like an argument must keep its name.
 * Cost: one table probe per byte of the block.
 */
final class NeedleSearch {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int FILTER_BITS = 16;

    private final Map<Integer, List<Needle>> byPrefix = new HashMap<>();
    private final boolean[] filter = new boolean[1 << FILTER_BITS];
    private final int maxLength;

    /** A needle; an exact one matches wherever its bytes are, a C-string one only between delimiters. */
    private record Needle(byte[] bytes, boolean exact) {
    }

    NeedleSearch(List<byte[]> needles) {
        this(needles, List.of());
    }

    /**
     * @param cStrings needles matched as whole C strings (see the class comment)
     * @param exact    needles matched wherever their bytes are, without the delimiters and the Symbol check:
     *                 for needles that carry their own framing (a JFR string's encoding byte and length)
     */
    NeedleSearch(List<byte[]> cStrings, List<byte[]> exact) {
        int max = 0;
        for (List<byte[]> list : List.of(cStrings, exact)) {
            for (byte[] n : list) {
                if (n.length < 4) {
                    throw new IllegalArgumentException("needles need 4 bytes or more");
                }
                int key = (int) INT.get(n, 0);
                byPrefix.computeIfAbsent(key, k -> new ArrayList<>()).add(new Needle(n, list == exact));
                filter[slot(key)] = true;
                max = Math.max(max, n.length);
            }
        }
        this.maxLength = max;
    }

    boolean isEmpty() {
        return byPrefix.isEmpty();
    }

    /** The longest needle: blocks searched piece by piece must overlap by this plus two bytes. */
    int maxLength() {
        return maxLength;
    }

    private static int slot(int key) {
        return (key * 0x9E3779B1) >>> (32 - FILTER_BITS);
    }

    /** A match: {@code offset} into the block, {@code length} bytes, of an exact needle or a C string. */
    record Match(int offset, int length, boolean exact) {
    }

    /**
     * Matches starting in [from, to) of {@code block}; bytes outside that window are read only to check the
     * delimiters around a match.
     */
    List<Match> find(byte[] block, int from, int to) {
        List<Match> out = new ArrayList<>();
        int last = Math.min(to, block.length - 4);
        for (int i = Math.max(from, 0); i < last; i++) {
            // A match starts with a non-NUL byte: skip eight NUL bytes at a time (most memory is zero).
            while (i + 8 <= last && (long) LONG.get(block, i) == 0) {
                i += 8;
            }
            if (i >= last) {
                break;
            }
            int key = (int) INT.get(block, i);
            if (!filter[slot(key)]) {
                continue;
            }
            List<Needle> candidates = byPrefix.get(key);
            if (candidates == null) {
                continue;
            }
            boolean starts = startsString(block, i);
            for (Needle n : candidates) {
                if (n.exact() ? matchesExactly(block, i, n.bytes()) : starts && matches(block, i, n.bytes())) {
                    out.add(new Match(i, n.bytes().length, n.exact()));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean startsString(byte[] b, int i) {
        if (i == 0) {
            return true;
        }
        byte p = b[i - 1];
        return p == 0 || p == ' ' || p == '=' || p == ':';
    }

    private static boolean matchesExactly(byte[] b, int i, byte[] n) {
        return i + n.length <= b.length && java.util.Arrays.equals(b, i, i + n.length, n, 0, n.length);
    }

    private static boolean matches(byte[] b, int i, byte[] n) {
        int end = i + n.length;
        if (end > b.length) {
            return false;
        }
        if (end < b.length && b[end] != 0 && b[end] != ' ') {
            return false;
        }
        for (int k = 4; k < n.length; k++) {
            if (b[i + k] != n[k]) {
                return false;
            }
        }
        if (i >= 2 && ((b[i - 2] & 0xFF) | (b[i - 1] & 0xFF) << 8) == n.length) {
            return false;
        }
        return true;
    }
}
