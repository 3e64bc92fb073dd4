package io.sashell.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.sashell.index.IndexedRoot;
import io.sashell.sa.StackFacts;

/**
 * {@code report --redact}: structure only, as {@code open --redact} prints it. Classes, sizes, addresses,
 * references, fields' names and frames stay; values go: primitive values and array elements, String and boxed
 * values, the command line, and thread names (heap Strings too) wherever a text names a thread.
 */
final class ReportRedaction {
    static final String REDACTED = "<redacted>";

    private final List<String> names;

    private ReportRedaction(Set<String> names) {
        // Longest first: a name that contains another is replaced whole.
        this.names = names.stream().filter(n -> !n.isEmpty()).sorted((a, b) -> b.length() - a.length()).toList();
    }

    static Report redact(Report r, ReportInputs in) {
        Set<String> names = new LinkedHashSet<>();
        for (StackFacts s : in.stacks()) {
            names.add(s.thread().name());
        }
        for (IndexedRoot root : in.index().roots()) {
            names.add(root.threadName());
        }
        return redact(r, names);
    }

    /** {@code r} with values removed and every one of {@code threadNames} replaced where a text quotes it. */
    static Report redact(Report r, Set<String> threadNames) {
        return new ReportRedaction(threadNames).apply(r);
    }

    private Report apply(Report r) {
        Report.Summary s = r.summary();
        Report.Summary summary = new Report.Summary(s.core(), s.jdk(), s.vendor(), s.gc(), s.heapCapacity(),
                s.heapUsed(), s.reachableBytes(), s.reachableObjects(), s.pid(), REDACTED, s.signal(), s.signalName(),
                s.crashingTid(), s.crashingThread().isEmpty() ? "" : REDACTED, s.crashingStack(), s.hsErrLog());
        List<Report.Suspect> suspects = r.suspects().stream().map(x -> new Report.Suspect(x.kind(), text(x.holder()),
                x.object(), x.instances(), x.retained(), x.percent(), x.accumulation(), path(x.path()),
                text(x.explanation()))).toList();
        Report.Treemap t = r.treemap();
        Report.Treemap treemap = new Report.Treemap(t.reachableBytes(), t.nodes().stream().map(n -> new Report.Node(
                n.parent(), n.address(), n.className(), n.shallow(), n.retained(), text(n.via()), n.children(),
                n.count(), n.aggregate(), n.detail())).toList(), t.details().stream().map(this::detail).toList());
        List<Report.Big> biggest = r.biggest().stream().map(b -> new Report.Big(b.object(), b.retained(),
                b.percent(), text(b.holder()))).toList();
        List<Report.ThreadStack> threads = r.threads().stream().map(x -> new Report.ThreadStack(x.index(), REDACTED,
                x.tid(), x.state(), x.daemon(), x.crashing(), x.frames())).toList();
        return new Report(summary, r.threshold(), suspects, treemap, r.histogram(), r.classes(), biggest,
                r.statics(), threads, r.memory(), r.trend(), r.trendNote(), r.commands(), true);
    }

    private Report.Detail detail(Report.Detail d) {
        List<Report.Field> fields = new ArrayList<>();
        for (Report.Field f : d.fields()) {
            String value = !f.target().isEmpty() ? f.target() + " " + f.targetClass()
                    : f.value().equals("null") ? "null" : REDACTED;
            fields.add(new Report.Field(f.name(), f.type(), value, f.target(), f.targetClass()));
        }
        return new Report.Detail(path(d.path()), fields, d.text().isEmpty() ? "" : REDACTED, d.omitted());
    }

    private Report.GcPath path(Report.GcPath p) {
        if (p == null) {
            return null;
        }
        return new Report.GcPath(text(p.root()), p.hops().stream().map(h -> new Report.Hop(h.from(), text(h.via()),
                h.to())).toList());
    }

    /** The text with every thread name replaced: where results name a thread they quote it. */
    String text(String s) {
        String out = s;
        for (String n : names) {
            out = out.replace("\"" + n + "\"", REDACTED);
        }
        return names.contains(out) ? REDACTED : out;
    }
}
