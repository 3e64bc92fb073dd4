package io.sashell.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedKlass;

/**
 * Reachable Strings by content, read from the core: each {@code java.lang.String}'s {@code value} array and
 * {@code coder} (Latin-1 or UTF-16, as compact strings store them).
 */
public final class Strings {
    private static final int SHOWN = 200;

    private Strings() {
    }

    /**
     * Where a String's content lies.
     *
     * @param coderOffset the offset of {@code String.coder}, -1 on JDKs without compact strings
     * @param arrayBase   the offset of a byte[]'s (or char[]'s) first element
     * @param lengthOffset the offset of an array's length
     */
    public record Layout(long coderOffset, int arrayBase, int lengthOffset) {
    }

    /** Cost: one read of every String's array from the core. */
    public static StringsResult of(HeapIndex index, MemoryReader memory, Layout layout, String pattern,
                                   boolean dups, long limit) {
        Predicate<String> match = pattern == null ? s -> true : s -> s.contains(pattern);
        int stringKlass = -1;
        List<IndexedKlass> ks = index.klasses();
        for (int k = 0; k < ks.size(); k++) {
            if (ks.get(k).name().equals("java.lang.String") && ks.get(k).loader() == 0) {
                stringKlass = k;
            }
        }
        Map<String, long[]> byValue = new HashMap<>();
        long strings = 0;
        int n = index.objectCount();
        for (int id = 0; id < n; id++) {
            // Reachable Strings only, as Eclipse MAT drops garbage: a dead copy wastes nothing.
            if (index.klassIndex(id) != stringKlass || !index.isReachable(id)) {
                continue;
            }
            if ((id & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            strings++;
            int value = -1;
            for (HeapIndex.Reference r : index.references(id, -1)) {
                if (r.label().name().equals("value")) {
                    value = r.id();
                }
            }
            String text;
            long bytes = index.size(id);
            if (value < 0) {
                text = "";
            } else {
                bytes += index.size(value);
                try {
                    text = read(index, memory, layout, id, value);
                } catch (UnreadableMemoryException e) {
                    continue;
                }
            }
            if (!match.test(text)) {
                continue;
            }
            long[] t = byValue.computeIfAbsent(text, v -> new long[] {0, 0, 0, 0});
            if (t[0] == 0) {
                t[3] = index.address(id);
                t[2] = bytes;
            }
            t[0]++;
            t[1] += bytes;
        }
        List<StringsResult.Row> rows = new ArrayList<>();
        long wastedTotal = 0;
        for (Map.Entry<String, long[]> e : byValue.entrySet()) {
            long[] t = e.getValue();
            long wasted = t[1] - t[2];
            if (dups && t[0] < 2) {
                continue;
            }
            wastedTotal += wasted;
            String v = e.getKey();
            rows.add(new StringsResult.Row(v.length() > SHOWN ? v.substring(0, SHOWN) + "…" : v, v.length(), t[0],
                    t[1], wasted, t[3]));
        }
        Comparator<StringsResult.Row> order = dups
                ? Comparator.comparingLong(StringsResult.Row::wasted).reversed()
                : Comparator.comparingLong(StringsResult.Row::bytes).reversed();
        rows.sort(order.thenComparing(Comparator.comparingLong(StringsResult.Row::count).reversed())
                .thenComparing(StringsResult.Row::value));
        long matched = rows.size();
        List<StringsResult.Row> shown = limit >= 0 && limit < rows.size() ? rows.subList(0, (int) limit) : rows;
        return new StringsResult(dups, pattern == null ? "" : pattern, shown, matched, strings, wastedTotal);
    }

    private static String read(HeapIndex index, MemoryReader memory, Layout layout, int string, int value) {
        long a = index.address(value);
        int length = memory.readInt(a + layout.lengthOffset());
        IndexedKlass arrayKlass = index.klassOf(value);
        boolean chars = arrayKlass.name().equals("char[]");
        int byteLength = chars ? length * 2 : length;
        if (length < 0 || byteLength > index.size(value)) {
            throw new UnreadableMemoryException(a);
        }
        byte[] b = new byte[byteLength];
        memory.read(a + layout.arrayBase(), b, 0, byteLength);
        boolean utf16 = chars || layout.coderOffset() >= 0
                && memory.readByte(index.address(string) + layout.coderOffset()) != 0;
        return new String(b, utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }
}
