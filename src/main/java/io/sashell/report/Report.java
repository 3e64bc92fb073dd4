package io.sashell.report;

import java.util.List;

/**
 * The {@code report} page's content: every section as plain values (addresses as hex text, sizes in bytes),
 * ready to be embedded once as JSON. Lists are capped by {@link ReportBuilder}; {@code trend} is null when no
 * Flight Recorder recording was found, and {@code trendNote} then says why.
 */
public record Report(Summary summary, double threshold, List<Suspect> suspects, Treemap treemap,
                     List<ClassRow> histogram, long classes, List<Big> biggest, List<StaticRow> statics,
                     List<ThreadStack> threads, Memory memory, Trend trend, String trendNote, List<Command> commands,
                     boolean redacted) {
    public Report {
        suspects = List.copyOf(suspects);
        histogram = List.copyOf(histogram);
        biggest = List.copyOf(biggest);
        statics = List.copyOf(statics);
        threads = List.copyOf(threads);
        commands = List.copyOf(commands);
    }

    /** How the process lived and died: the JDK, the heap, the signal and the thread that took it. */
    public record Summary(String core, String jdk, String vendor, String gc, long heapCapacity, long heapUsed,
                          long reachableBytes, long reachableObjects, long pid, String command, int signal,
                          String signalName, long crashingTid, String crashingThread, List<Frame> crashingStack,
                          String hsErrLog) {
        public Summary {
            crashingStack = List.copyOf(crashingStack);
        }
    }

    /** One Java frame as {@code bt} prints it. */
    public record Frame(String method, int line, String kind) {
    }

    /** A Java thread with its frames; {@code crashing} for the one that took the signal. */
    public record ThreadStack(int index, String name, long tid, String state, boolean daemon, boolean crashing,
                              List<Frame> frames) {
        public ThreadStack {
            frames = List.copyOf(frames);
        }
    }

    /** An object: where it is, its class, its own size. */
    public record Obj(String address, String className, long size) {
    }

    /** A path from a GC root: how the root is held, then each hop's holder, field and target. */
    public record GcPath(String root, List<Hop> hops) {
        public GcPath {
            hops = List.copyOf(hops);
        }
    }

    public record Hop(Obj from, String via, Obj to) {
    }

    /** A leak suspect as {@code suspects} explains it. {@code accumulation} and {@code path} may be null. */
    public record Suspect(String kind, String holder, Obj object, long instances, long retained, double percent,
                          Accumulation accumulation, GcPath path, String explanation) {
    }

    public record Accumulation(Obj object, String elementClass, long count, long elementsRetained) {
    }

    /**
     * The dominator tree as treemap cells: node 0 is the virtual root (the GC roots); every other node names its
     * parent. An {@code aggregate} node stands for {@code count} smaller children of its parent together, all of
     * class {@code className}, or of several classes when that is empty.
     */
    public record Treemap(long reachableBytes, List<Node> nodes, List<Detail> details) {
        public Treemap {
            nodes = List.copyOf(nodes);
            details = List.copyOf(details);
        }
    }

    /**
     * One cell. {@code detail} is the index into the treemap's {@code details} of the object's path and fields, or -1 when
     * only the biggest objects carry one (the page stays small on big heaps).
     */
    public record Node(int parent, String address, String className, long shallow, long retained, String via,
                       long children, long count, boolean aggregate, int detail) {
    }

    /** What a click on a cell shows beyond the cell itself. */
    public record Detail(GcPath path, List<Field> fields, String text, long omitted) {
        public Detail {
            fields = List.copyOf(fields);
        }
    }

    /** A field or element: its value as text, and the object it references (empty for primitives). */
    public record Field(String name, String type, String value, String target, String targetClass) {
    }

    public record ClassRow(String className, String loader, long count, long shallow, long retained) {
    }

    /** One of the biggest objects, and what holds it. */
    public record Big(Obj object, long retained, double percent, String holder) {
    }

    public record StaticRow(String field, Obj value, long retained, double percent, boolean owned) {
    }

    public record Memory(List<Kind> kinds, List<File> files, long total, long heapReserved, long heapCommitted,
                         long heapUsed) {
        public Memory {
            kinds = List.copyOf(kinds);
            files = List.copyOf(files);
        }
    }

    public record Kind(String kind, long bytes, long inCore) {
    }

    public record File(String path, long bytes) {
    }

    /** JFR's heap after (and before) each GC; times in milliseconds from the recording's start. */
    public record Trend(String recording, long maxHeap, List<long[]> after, List<long[]> before, String verdict,
                        double bytesPerMinute) {
        public Trend {
            after = List.copyOf(after);
            before = List.copyOf(before);
        }
    }

    /** The sa-shell command that prints a section's data in the shell. */
    public record Command(String section, String command) {
    }
}
