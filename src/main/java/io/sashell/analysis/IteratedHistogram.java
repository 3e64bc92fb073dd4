package io.sashell.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedKlass;
import io.sashell.sa.KlassCount;

/**
 * {@code histo} on generational ZGC: per class, the objects the JVM's own heap iteration visits, which is what
 * {@code jcmd GC.class_histogram -all} counts there (ZGC iterates its heap by marking from every root, weak ones
 * and Reference referents included, not by walking its pages). The page walk also finds what that iteration
 * never visits: dead objects ZGC has not reclaimed yet and the fillers of retired TLABs; the note says how many.
 */
public final class IteratedHistogram {
    private IteratedHistogram() {
    }

    /** The page walk's histogram, with a note that jcmd would count fewer (no index in this session). */
    public static HistogramResult pagesOnly(HistogramResult pageWalk) {
        List<String> notes = new ArrayList<>(pageWalk.notes());
        notes.add("ZGC: every object in the pages, dead ones and TLAB fillers too (no heap graph index in this "
                + "session): the JVM's own histogram counts only those its heap iteration reaches");
        return new HistogramResult(pageWalk.rows(), pageWalk.matchedClasses(), pageWalk.totalCount(),
                pageWalk.totalBytes(), pageWalk.engine(), pageWalk.pattern(), notes);
    }

    /** Cost: one pass over the classes (the totals were counted when the index was built). */
    public static HistogramResult of(HeapIndex index, HistogramResult pageWalk, String pattern, Histogram.Sort sort,
                                     long limit) {
        List<KlassCount> counts = new ArrayList<>();
        long objects = 0;
        long bytes = 0;
        for (IndexedKlass k : index.klasses()) {
            if (k.iteratedCount() > 0) {
                counts.add(new KlassCount(k.address(), k.name(), k.loader(), k.loaderName(), k.iteratedCount(),
                        k.iteratedBytes()));
                objects += k.iteratedCount();
                bytes += k.iteratedBytes();
            }
        }
        HistogramResult r = Histogram.of(counts, pattern, sort, limit, pageWalk.engine());
        List<String> notes = new ArrayList<>(pageWalk.notes());
        long pageObjects = index.klasses().stream().mapToLong(IndexedKlass::count).sum();
        long pageBytes = index.klasses().stream().mapToLong(IndexedKlass::bytes).sum();
        notes.add(String.format(Locale.ROOT, "ZGC: the objects the JVM's own heap iteration visits (as jcmd "
                + "GC.class_histogram -all counts them: reachable from any root through any reference, weak ones "
                + "included); the pages hold %d more objects (%d bytes) it never visits (dead, not yet reclaimed); "
                + "histo --pages counts them too", pageObjects - objects, pageBytes - bytes));
        if (!index.problems().isEmpty()) {
            notes.add("the index met " + index.problems().size() + " problem"
                    + (index.problems().size() == 1 ? "" : "s") + " (see the index command)");
        }
        return new HistogramResult(r.rows(), r.matchedClasses(), r.totalCount(), r.totalBytes(), r.engine(),
                r.pattern(), notes);
    }
}
