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

    private final Map<Integer, List<byte[]>> byPrefix = new HashMap<>();
    private final boolean[] filter = new boolean[1 << FILTER_BITS];
    private final int maxLength;
    private final boolean exact;

    NeedleSearch(List<byte[]> needles) {
        this(needles, false);
    }

    /**
     * @param exact match the needles' bytes wherever they are, without the C-string delimiters and the Symbol
     *              check: for needles that carry their own framing (a JFR string's encoding byte and length)
     */
    NeedleSearch(List<byte[]> needles, boolean exact) {
        this.exact = exact;
        int max = 0;
        for (byte[] n : needles) {
            if (n.length < 4) {
                throw new IllegalArgumentException("needles need 4 bytes or more");
            }
            int key = (int) INT.get(n, 0);
            byPrefix.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
            filter[slot(key)] = true;
            max = Math.max(max, n.length);
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

    /** A match: {@code offset} into the block, {@code length} bytes. */
    record Match(int offset, int length) {
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
            List<byte[]> candidates = byPrefix.get(key);
            if (candidates == null || (!exact && !startsString(block, i))) {
                continue;
            }
            for (byte[] n : candidates) {
                if (exact ? matchesExactly(block, i, n) : matches(block, i, n)) {
                    out.add(new Match(i, n.length));
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
