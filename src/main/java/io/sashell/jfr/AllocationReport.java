package io.sashell.jfr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code jfr alloc}: the classes that allocated the most bytes by the recording's allocation
 * events, each with its heaviest allocation sites. {@code source} names the events used
 * ({@code jdk.ObjectAllocationSample}, else the TLAB events; empty when there are none). Bytes are
 * the events' weights: an estimate of all bytes allocated, not only the sampled objects.
 */
public record AllocationReport(String source, long events, long totalBytes, long classes, List<AllocatedClass> top) {
    public AllocationReport {
        top = List.copyOf(top);
    }

    /**
     * One class: its events, their weight and share of all weight, and where it was allocated. The live
     * counts come from a core when one is open, else they are -1.
     */
    public record AllocatedClass(String className, long events, long bytes, double share, List<Site> sites,
                                 long liveInstances, long liveBytes) {
        public AllocatedClass {
            sites = List.copyOf(sites);
        }
    }

    /** A stack trace (top frames first, cut to a few) and the weight allocated there. */
    public record Site(List<String> frames, long events, long bytes) {
        public Site {
            frames = List.copyOf(frames);
        }
    }

    /** The same report with live instances and bytes per class name (the core's histogram) filled in. */
    public AllocationReport withLive(Map<String, long[]> live) {
        List<AllocatedClass> rows = new ArrayList<>();
        for (AllocatedClass c : top) {
            long[] v = live.get(c.className());
            rows.add(new AllocatedClass(c.className(), c.events(), c.bytes(), c.share(), c.sites(),
                    v == null ? 0 : v[0], v == null ? 0 : v[1]));
        }
        return new AllocationReport(source, events, totalBytes, classes, rows);
    }
}
