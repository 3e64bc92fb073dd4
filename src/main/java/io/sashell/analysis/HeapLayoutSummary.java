package io.sashell.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaHeapRange;

/** The heap's spaces or regions, summed by kind, for {@code info}. */
public final class HeapLayoutSummary {
    private HeapLayoutSummary() {
    }

    public static List<SpaceUse> of(SaHeapLayout layout) {
        Map<SaHeapRange.Type, long[]> sums = new EnumMap<>(SaHeapRange.Type.class);
        for (SaHeapRange r : layout.ranges()) {
            long[] s = sums.computeIfAbsent(r.type(), t -> new long[3]);
            s[0]++;
            s[1] += r.end() - r.bottom();
            s[2] += r.top() - r.bottom();
        }
        List<SpaceUse> out = new ArrayList<>();
        for (Map.Entry<SaHeapRange.Type, long[]> e : sums.entrySet()) {
            long[] s = e.getValue();
            out.add(new SpaceUse(e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '), s[0], s[1], s[2]));
        }
        return out;
    }
}
