package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sashell.core.LoadSegment;
import io.sashell.core.MappedFile;

/**
 * Classifies the core's memory segments: the Java heap (SA's reserved range), Java thread stacks (SA's stack
 * bases and sizes), the JVM's native spaces (metaspace, class space, code cache: their reservations), files
 * mapped by path (NT_FILE; CDS archives apart), other executable anonymous memory, and the other anonymous
 * memory (malloc arenas, GC data, native stacks).
 */
public final class MemoryMap {
    static final String HEAP = "Java heap (reserved)";
    static final String STACKS = "Java thread stacks";
    static final String FILES = "mapped files";
    static final String CDS = "CDS archive";
    static final String CODE = "executable anonymous (code cache)";
    static final String CODE_OTHER = "other executable anonymous";
    static final String ANON = "other anonymous (malloc, metaspace, GC, native stacks)";
    static final String ANON_KNOWN = "other anonymous (malloc, GC data, native stacks)";

    /** A native space of the JVM and the address ranges it reserved. */
    public record NativeSpace(MemoryResult.Space space, List<long[]> ranges) {
        public NativeSpace {
            ranges = List.copyOf(ranges);
        }
    }

    private MemoryMap() {
    }

    /**
     * @param heapReserved {low, high} of the heap's reservation, or null when unknown
     * @param stacks       {low, high} of every Java thread's stack
     * @param natives      the JVM's native spaces found (metaspace, class space, code cache), maybe none
     * @param problems     what could not be read of them
     */
    public static MemoryResult of(List<LoadSegment> segments, List<MappedFile> files, long[] heapReserved,
                                  long heapCommitted, long heapUsed, List<long[]> stacks, List<NativeSpace> natives,
                                  List<String> problems) {
        Map<String, long[]> kinds = new LinkedHashMap<>();
        String anon = natives.stream().anyMatch(n -> n.space().name().equals("metaspace")) ? ANON_KNOWN : ANON;
        kinds.put(HEAP, new long[3]);
        kinds.put(STACKS, new long[3]);
        for (NativeSpace n : natives) {
            kinds.put(n.space().name() + " (reserved)", new long[3]);
        }
        String code = natives.stream().anyMatch(n -> n.space().name().equals("code cache")) ? CODE_OTHER : CODE;
        for (String k : List.of(FILES, CDS, code, anon)) {
            kinds.put(k, new long[3]);
        }
        Map<String, long[]> byPath = new LinkedHashMap<>();
        long total = 0;
        long inCore = 0;
        for (LoadSegment s : segments) {
            long lo = s.vaddr();
            long hi = s.vaddr() + s.memSize();
            total += s.memSize();
            inCore += s.fileSize();
            double stored = s.memSize() == 0 ? 0 : (double) s.fileSize() / s.memSize();
            long rest = s.memSize();
            if (heapReserved != null) {
                long o = overlap(lo, hi, heapReserved[0], heapReserved[1]);
                if (o > 0) {
                    add(kinds.get(HEAP), o, (long) (o * stored));
                    rest -= o;
                }
            }
            for (long[] st : stacks) {
                long o = overlap(lo, hi, st[0], st[1]);
                if (o > 0) {
                    add(kinds.get(STACKS), o, (long) (o * stored));
                    rest -= o;
                }
            }
            for (NativeSpace n : natives) {
                for (long[] r : n.ranges()) {
                    long o = overlap(lo, hi, r[0], r[1]);
                    if (o > 0) {
                        add(kinds.get(n.space().name() + " (reserved)"), o, (long) (o * stored));
                        rest -= o;
                    }
                }
            }
            if (rest <= 0) {
                continue;
            }
            MappedFile f = null;
            for (MappedFile m : files) {
                if (m.start() <= lo && lo < m.end()) {
                    f = m;
                    break;
                }
            }
            if (f != null) {
                String kind = f.path().endsWith(".jsa") ? CDS : FILES;
                add(kinds.get(kind), rest, (long) (rest * stored));
                long[] p = byPath.computeIfAbsent(f.path(), x -> new long[2]);
                p[0]++;
                p[1] += rest;
            } else if ((s.flags() & LoadSegment.PF_X) != 0) {
                add(kinds.get(code), rest, (long) (rest * stored));
            } else {
                add(kinds.get(anon), rest, (long) (rest * stored));
            }
        }
        List<MemoryResult.Kind> rows = new ArrayList<>();
        kinds.forEach((k, v) -> rows.add(new MemoryResult.Kind(k, v[0], v[1], v[2])));
        List<MemoryResult.MappedPath> paths = new ArrayList<>();
        byPath.forEach((p, v) -> paths.add(new MemoryResult.MappedPath(p, v[0], v[1])));
        paths.sort(Comparator.comparingLong(MemoryResult.MappedPath::bytes).reversed()
                .thenComparing(MemoryResult.MappedPath::path));
        List<String> notes = new ArrayList<>();
        notes.add("sizes are address ranges the core holds, not resident memory; in core is what the file stores");
        if (natives.isEmpty()) {
            notes.add("metaspace, class space and code cache are not told apart from other anonymous memory");
        }
        problems.forEach(p -> notes.add("native spaces: " + p));
        if (heapReserved == null) {
            notes.add("the Java heap's range is unknown for this collector: it counts as anonymous memory");
        }
        long heapLen = heapReserved == null ? 0 : heapReserved[1] - heapReserved[0];
        List<MemoryResult.Space> spaces = natives.stream().map(NativeSpace::space).toList();
        return new MemoryResult(rows, paths, total, inCore, heapLen, heapCommitted, heapUsed, spaces, notes);
    }

    private static void add(long[] t, long bytes, long stored) {
        t[0]++;
        t[1] += bytes;
        t[2] += stored;
    }

    private static long overlap(long lo, long hi, long a, long b) {
        return Math.max(0, Math.min(hi, b) - Math.max(lo, a));
    }
}
