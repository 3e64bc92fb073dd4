package io.sashell.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaHeapTlab;

/**
 * Which memory a heap walk visits, computed as SA's {@code ObjectHeap.collectLiveRegions} does with one fix:
 * every range contributes its bottom and top, every TLAB its start, start, top and hard end; all boundaries
 * are sorted together and paired, which cuts each TLAB's unallocated tail [top, hardEnd) out of its region.
 * The fix: a G1 humongous starts region and the continues regions after it form one range up to the last
 * continues region's top, so the walk steps over the humongous object and on to what follows it, where SA
 * walks each continues region from its bottom, in the middle of the object's data.
 */
final class StretchPlan {

    private final HeapStretch[] stretches;
    private final List<HeapDamage> damage;

    private StretchPlan(HeapStretch[] stretches, List<HeapDamage> damage) {
        this.stretches = stretches;
        this.damage = List.copyOf(damage);
    }

    HeapStretch[] stretches() {
        return stretches.clone();
    }

    /** Continues regions found without their starts region: left out of the walk. */
    List<HeapDamage> damage() {
        return damage;
    }

    private record Range(long bottom, long top, String label, int alignment) {
        Range(long bottom, long top, String label) {
            this(bottom, top, label, 0);
        }
    }

    static StretchPlan of(List<SaHeapRange> layoutRanges, List<SaHeapTlab> tlabs, boolean useTlab) {
        return of(layoutRanges, tlabs, useTlab, 0);
    }

    /**
     * As {@link #of(List, List, boolean)}; stretches of ZGC medium pages step over each object rounded up to
     * {@code mediumPageAlignment}.
     */
    static StretchPlan of(List<SaHeapRange> layoutRanges, List<SaHeapTlab> tlabs, boolean useTlab,
                          int mediumPageAlignment) {
        List<SaHeapRange> sorted = new ArrayList<>(layoutRanges);
        sorted.sort(Comparator.comparingLong(SaHeapRange::bottom));
        List<Range> ranges = new ArrayList<>();
        List<HeapDamage> damage = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            SaHeapRange r = sorted.get(i);
            if (r.type() == SaHeapRange.Type.HUMONGOUS_CONTINUES) {
                damage.add(new HeapDamage(r.bottom(), r.label(), HeapDamage.Reason.ORPHAN_HUMONGOUS, 0,
                        r.usedBytes(), "humongous continues region without a starts region before it"));
                continue;
            }
            if (r.type() == SaHeapRange.Type.HUMONGOUS_STARTS) {
                SaHeapRange last = r;
                int j = i + 1;
                while (j < sorted.size() && sorted.get(j).type() == SaHeapRange.Type.HUMONGOUS_CONTINUES
                        && sorted.get(j).bottom() == last.end()) {
                    last = sorted.get(j);
                    j++;
                }
                int continues = j - i - 1;
                String label = continues == 0 ? r.label()
                        : r.label() + " (+" + continues + " continues to region " + last.regionIndex() + ")";
                ranges.add(new Range(r.bottom(), continues == 0 ? r.top() : last.top(), label));
                i = j - 1;
                continue;
            }
            int alignment = r.type() == SaHeapRange.Type.Z_MEDIUM_PAGE ? mediumPageAlignment
                    : r.type() == SaHeapRange.Type.Z_LARGE_PAGE ? wholePage(r.top() - r.bottom()) : 0;
            ranges.add(new Range(r.bottom(), r.top(), r.label(), alignment));
        }

        long[] bounds = new long[ranges.size() * 2 + (useTlab ? tlabs.size() * 4 : 0)];
        int n = 0;
        for (Range r : ranges) {
            bounds[n++] = r.bottom();
            bounds[n++] = r.top();
        }
        if (useTlab) {
            for (SaHeapTlab t : tlabs) {
                if (t.start() == 0 || t.top() == 0 || t.end() == 0) {
                    continue;
                }
                bounds[n++] = t.start();
                bounds[n++] = t.start();
                bounds[n++] = t.top();
                bounds[n++] = t.hardEnd();
            }
        }
        Arrays.sort(bounds, 0, n);

        long[] rangeBottoms = ranges.stream().mapToLong(Range::bottom).toArray();
        List<HeapStretch> stretches = new ArrayList<>();
        for (int i = 0; i + 1 < n; i += 2) {
            long bottom = bounds[i];
            long top = bounds[i + 1];
            if (bottom == top) {
                continue;
            }
            Range owner = rangeOf(ranges, rangeBottoms, bottom);
            stretches.add(new HeapStretch(bottom, top, owner == null ? "outside the heap's spaces" : owner.label(),
                    owner == null ? 0 : owner.alignment()));
        }
        return new StretchPlan(stretches.toArray(new HeapStretch[0]), damage);
    }

    /**
     * A ZGC large page holds one object, and its top may be the page's end (seen with JDK 25 on a 64 MB heap,
     * where objects over 256 KB get large pages of 2 MB): stepping over the object at a power of two at least
     * the page's span ends the walk after it.
     */
    static int wholePage(long span) {
        return span <= 1 ? 0 : (int) Math.min(1L << 30, Long.highestOneBit(span - 1) << 1);
    }

    private static Range rangeOf(List<Range> ranges, long[] bottoms, long address) {
        // The last range starting at or below the address, then back over empty ranges sharing a bottom.
        int lo = 0;
        int hi = bottoms.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bottoms[mid] <= address) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int j = lo - 1; j >= 0; j--) {
            Range r = ranges.get(j);
            if (address < r.top()) {
                return r;
            }
            if (r.bottom() < r.top()) {
                break;
            }
        }
        return null;
    }
}
