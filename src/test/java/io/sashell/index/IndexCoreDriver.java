package io.sashell.index;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sashell.analysis.GcPaths;
import io.sashell.analysis.GcRoots;
import io.sashell.analysis.Histogram;
import io.sashell.analysis.InboundRefs;
import io.sashell.analysis.LiveHistogram;
import io.sashell.analysis.OutboundRefs;
import io.sashell.cli.render.Renderer;
import io.sashell.core.ElfCore;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaHeapMetadata;
import io.sashell.sa.SaOutboundEdges;
import io.sashell.sa.SaSession;
import io.sashell.sa.TestRoots;

/**
 * Runs in a child JVM of the JDK that wrote the core (SA opens only cores of its own build): builds the index
 * of the core, reads it back, compares its edges with SA's own iteration, and answers the refs and path
 * questions of every object of the scenario's classes. Prints facts as {@code key value} lines; the answers go
 * to {@code answers.jsonl}, one {@code {"q": ..., "a": ...}} a line, as the JSON renderer prints them.
 *
 * <pre>
 * IndexCoreDriver JAVA_EXE CORE OUTDIR CLASS_PREFIX
 * </pre>
 */
public final class IndexCoreDriver {
    private IndexCoreDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path javaExe = Path.of(args[0]);
        Path core = Path.of(args[1]);
        Path out = Path.of(args[2]);
        String prefix = args[3];
        Files.createDirectories(out.resolve("index"));
        PrintStream o = System.out;
        try (SaSession session = SaSession.attach(javaExe, core); ElfCore elf = ElfCore.open(core)) {
            SaHeapMetadata md = SaHeapMetadata.ofAttachedVm();
            RootSet roots = roots(o);
            CoreIdentity identity = CoreIdentity.of(elf);
            IndexStore store = IndexStore.in(out.resolve("index"));
            long t0 = System.nanoTime();
            PhaseTimes phases = new PhaseTimes(o);
            IndexStore.Opened built = store.open(identity, elf.memory(), () -> new HeapIndexBuilder.Inputs(identity,
                    elf.memory(), md.layout(), md::klass, roots), phases, 2);
            phases.progress("end", 0, 0);
            o.println("build-ms " + (System.nanoTime() - t0) / 1_000_000);
            o.println("built " + built.built());
            built.index().close();
            IndexStore.Opened opened = store.open(identity, elf.memory(), () -> {
                throw new IllegalStateException("rebuilt although the file was whole");
            }, IndexProgress.NONE, 2);
            o.println("reopened-built " + opened.built());
            HeapIndex index = opened.index();
            o.println("objects " + index.objectCount());
            o.println("edges " + index.edgeCount());
            o.println("weak-edges " + index.weakEdgeCount());
            o.println("roots " + index.roots().size());
            o.println("file-bytes " + Files.size(index.file().orElseThrow()));
            for (String p : index.problems()) {
                o.println("problem " + p.replace('\n', ' '));
            }
            if (md.layout().zgcPages()) {
                // SA cannot iterate a generational ZGC heap: the oracle is the scenario's known graph, and that
                // no reachable object holds a reference the index could not resolve.
                o.println("sa-comparison none");
                reachableDangling(o, index);
            } else {
                compare(o, index, out.resolve("sa-edges.bin"));
            }
            if (System.getProperty("java.specification.version").equals("17")) {
                compareWithReversePointers(o, index, prefix);
            }
            answers(index, prefix, out.resolve("answers.jsonl"));
            index.close();
        }
        o.println("done");
    }

    /** Prints when each phase of the build began, in ms from the first. */
    private static final class PhaseTimes implements IndexProgress {
        private final PrintStream o;
        private final long t0 = System.nanoTime();
        private String phase = "";

        PhaseTimes(PrintStream o) {
            this.o = o;
        }

        @Override
        public void progress(String name, long done, long total) {
            if (!name.equals(phase)) {
                phase = name;
                o.println("phase-" + name.replace(' ', '-') + " " + (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    /** SA's full root enumeration when this build has it, else the partial test roots. */
    private static RootSet roots(PrintStream o) throws ReflectiveOperationException {
        try {
            Class<?> c = Class.forName("io.sashell.sa.SaRoots");
            o.println("roots-source sa");
            return (RootSet) c.getMethod("enumerate").invoke(null);
        } catch (ClassNotFoundException e) {
            o.println("roots-source test");
            return TestRoots.enumerate();
        }
    }

    /**
     * The index's edges (inbound, strong and weak) against SA's outbound iteration inverted: every pair SA
     * reports must be in the index, and every pair of the index not in SA's must be hidden.
     */
    private static void compare(PrintStream o, HeapIndex index, Path file) throws IOException {
        SaOutboundEdges.Counts counts = SaOutboundEdges.write(file);
        o.println("sa-objects " + counts.objects());
        o.println("sa-edges " + counts.edges());
        long[] sa = new long[(int) counts.edges()];
        int n = 0;
        long unknown = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (long i = 0; i < counts.edges(); i++) {
                long s = in.readLong();
                long t = in.readLong();
                int si = index.idOf(s);
                int ti = index.idOf(t);
                if (si < 0 || ti < 0) {
                    unknown++;
                    continue;
                }
                sa[n++] = ((long) si << 32) | ti;
            }
        }
        long[] theirs = unique(Arrays.copyOf(sa, n));
        List<Long> fromInbound = new ArrayList<>();
        List<Long> fromOutbound = new ArrayList<>();
        for (int t = 0; t < index.objectCount(); t++) {
            for (int s : index.inbound(t)) {
                fromInbound.add(((long) s << 32) | t);
            }
            for (int s : index.weakInbound(t)) {
                fromInbound.add(((long) s << 32) | t);
            }
        }
        for (int s = 0; s < index.objectCount(); s++) {
            for (int t : index.outbound(s)) {
                fromOutbound.add(((long) s << 32) | t);
            }
            for (int t : index.weakOutbound(s)) {
                fromOutbound.add(((long) s << 32) | t);
            }
        }
        long[] mine = unique(fromInbound.stream().mapToLong(Long::longValue).toArray());
        long[] mineOut = unique(fromOutbound.stream().mapToLong(Long::longValue).toArray());
        o.println("inbound-equals-outbound " + Arrays.equals(mine, mineOut));
        long missing = 0;
        long extra = 0;
        long hidden = 0;
        List<String> examples = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < theirs.length || j < mine.length) {
            if (j >= mine.length || (i < theirs.length && theirs[i] < mine[j])) {
                missing++;
                example(examples, index, "missing", theirs[i]);
                i++;
            } else if (i >= theirs.length || mine[j] < theirs[i]) {
                int s = (int) (mine[j] >>> 32);
                int t = (int) mine[j];
                if (index.labels(s, t).stream().allMatch(EdgeLabel::isHidden)) {
                    hidden++;
                } else {
                    extra++;
                    example(examples, index, "extra", mine[j]);
                }
                j++;
            } else {
                i++;
                j++;
            }
        }
        o.println("sa-unknown-objects " + unknown);
        o.println("compared-edges " + theirs.length);
        o.println("missing-edges " + missing);
        o.println("extra-edges " + extra);
        o.println("hidden-edges " + hidden);
        o.println("vm-field-edges " + vmFieldEdges(index));
        examples.forEach(e -> o.println("edge-example " + e));
    }

    /** Edges through a field the VM injected (a mirror's protection_domain, ...): SA's iteration skips them. */
    private static long vmFieldEdges(HeapIndex index) {
        long n = 0;
        for (int s = 0; s < index.objectCount(); s++) {
            if (index.klassOf(s).vmFields().isEmpty()) {
                continue;
            }
            for (int t : index.outbound(s)) {
                if (index.labels(s, t).stream().anyMatch(l -> l.kind() == EdgeLabel.Kind.VM_FIELD)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * References of reachable objects that resolve to no object start (a stale ZGC pointer not forwarded
     * would be one), and the inbound and outbound arrays against each other.
     */
    private static void reachableDangling(PrintStream o, HeapIndex index) {
        long dangling = 0;
        long edges = 0;
        List<String> examples = new ArrayList<>();
        for (int id = 0; id < index.objectCount(); id++) {
            if (!index.isReachable(id)) {
                continue;
            }
            for (HeapIndex.Reference r : index.references(id, -1)) {
                edges++;
                if (r.id() < 0) {
                    dangling++;
                    if (examples.size() < 10) {
                        examples.add(String.format("0x%x %s %s -> 0x%x", index.address(id), index.displayName(id),
                                r.label(), r.address()));
                    }
                }
            }
        }
        long inbound = 0;
        long outbound = 0;
        for (int t = 0; t < index.objectCount(); t++) {
            inbound += index.inbound(t).length + index.weakInbound(t).length;
            outbound += index.outbound(t).length + index.weakOutbound(t).length;
        }
        o.println("inbound-equals-outbound " + (inbound == outbound));
        o.println("reachable-references " + edges);
        o.println("reachable-dangling " + dangling);
        examples.forEach(e -> o.println("edge-example " + e));
    }

    /**
     * SA's ReversePtrsAnalysis against the index for sampled objects (300 at random and every object of the
     * scenario's classes): for an object the analysis reached, its referrers are exactly the index's referrers
     * (hidden references and injected fields aside) that the analysis reached too: it records an edge only from
     * an object it walked.
     */
    private static void compareWithReversePointers(PrintStream o, HeapIndex index, String prefix) {
        java.util.Random random = new java.util.Random(17);
        java.util.Set<Integer> sample = new java.util.TreeSet<>();
        for (int i = 0; i < 300 && index.objectCount() > 0; i++) {
            sample.add(random.nextInt(index.objectCount()));
        }
        for (int id = 0; id < index.objectCount(); id++) {
            if (index.klassOf(id).name().startsWith(prefix)) {
                sample.add(id);
            }
        }
        long[] addresses = sample.stream().mapToLong(index::address).toArray();
        java.util.Map<Long, List<Long>> theirs = io.sashell.sa.SaReversePointers.referrers(addresses);
        long reached = 0;
        long mismatches = 0;
        for (int id : sample) {
            List<Long> from = theirs.get(index.address(id));
            if (from == null) {
                continue;
            }
            reached++;
            java.util.Set<Long> expected = new java.util.TreeSet<>();
            for (int[] sources : new int[][] {index.inbound(id), index.weakInbound(id)}) {
                for (int s : sources) {
                    // The analysis follows Oop.iterate: no hidden references, no fields the VM injects.
                    boolean plain = index.labels(s, id).stream()
                            .anyMatch(l -> !l.isHidden() && l.kind() != EdgeLabel.Kind.VM_FIELD);
                    if (plain && io.sashell.sa.SaReversePointers.reached(index.address(s))) {
                        expected.add(index.address(s));
                    }
                }
            }
            java.util.Set<Long> actual = new java.util.TreeSet<>(from);
            if (!expected.equals(actual)) {
                mismatches++;
                if (mismatches <= 5) {
                    o.printf("rpa-example 0x%x %s: index %s, ReversePtrsAnalysis %s%n", index.address(id),
                            index.displayName(id), hex(expected), hex(actual));
                }
            }
        }
        o.println("rpa-sampled " + sample.size());
        o.println("rpa-reached " + reached);
        o.println("rpa-mismatches " + mismatches);
    }

    private static List<String> hex(java.util.Set<Long> addresses) {
        return addresses.stream().map(a -> "0x" + Long.toHexString(a)).toList();
    }

    private static void example(List<String> examples, HeapIndex index, String what, long pair) {
        if (examples.size() < 10) {
            int s = (int) (pair >>> 32);
            int t = (int) pair;
            examples.add(String.format("%s 0x%x %s -> 0x%x %s %s", what, index.address(s), index.displayName(s),
                    index.address(t), index.displayName(t), index.labels(s, t)));
        }
    }

    private static long[] unique(long[] values) {
        Arrays.sort(values);
        int u = 0;
        for (int i = 0; i < values.length; i++) {
            if (u == 0 || values[i] != values[u - 1]) {
                values[u++] = values[i];
            }
        }
        return Arrays.copyOf(values, u);
    }

    /** Every object of the scenario's classes: refs, refs --out, path, path --weak, path --all. */
    private static void answers(HeapIndex index, String prefix, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int id = 0; id < index.objectCount(); id++) {
            String name = index.klassOf(id).name();
            if (!name.startsWith(prefix)) {
                continue;
            }
            String key = name + "@" + Long.toHexString(index.address(id));
            int obj = id;
            lines.add(answer("refs " + key, r -> r.refs(InboundRefs.of(index, obj, -1))));
            lines.add(answer("refs --out " + key, r -> r.outboundRefs(OutboundRefs.of(index, obj, -1))));
            lines.add(answer("path " + key, r -> r.path(GcPaths.find(index, obj, false, false, -1))));
            lines.add(answer("path --weak " + key, r -> r.path(GcPaths.find(index, obj, true, false, -1))));
            lines.add(answer("path --all " + key, r -> r.path(GcPaths.find(index, obj, false, true, -1))));
        }
        lines.add(answer("roots", r -> r.roots(GcRoots.of(index, null, 0))));
        lines.add(answer("histo --live " + prefix, r -> r.liveHistogram(LiveHistogram.of(index, prefix,
                Histogram.Sort.SIZE, -1))));
        Files.write(file, lines);
    }

    private interface Query {
        void ask(Renderer r);
    }

    private static String answer(String question, Query q) {
        StringWriter w = new StringWriter();
        q.ask(Renderer.json(new PrintWriter(w)));
        return "{\"q\":\"" + question.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"a\":" + w.toString().strip()
                + "}";
    }
}
