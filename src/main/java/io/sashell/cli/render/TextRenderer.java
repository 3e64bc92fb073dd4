package io.sashell.cli.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sashell.analysis.DominatorTreeResult;
import io.sashell.analysis.RetainedHistogramResult;
import io.sashell.analysis.HistogramDiffResult;
import io.sashell.analysis.MemoryResult;
import io.sashell.analysis.StaticsResult;
import io.sashell.analysis.StringsResult;
import io.sashell.analysis.SuspectsResult;
import io.sashell.analysis.TopObjectsResult;
import io.sashell.analysis.HistogramResult;
import io.sashell.analysis.HistogramRow;
import io.sashell.analysis.InboundRefsResult;
import io.sashell.analysis.IndexInfoResult;
import io.sashell.analysis.LiveHistogramResult;
import io.sashell.analysis.OutboundRefsResult;
import io.sashell.analysis.PathResult;
import io.sashell.analysis.RootsResult;
import io.sashell.analysis.InfoResult;
import io.sashell.analysis.InstancesResult;
import io.sashell.analysis.ProcessFacts;
import io.sashell.analysis.SpaceUse;
import io.sashell.export.ExportResult;
import io.sashell.sa.FieldFacts;
import io.sashell.sa.FrameFacts;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.ObjectRef;
import io.sashell.sa.StackFacts;
import io.sashell.sa.VmFacts;

/** Plain-text rendering for the terminal. */
final class TextRenderer implements Renderer {
    private final PrintWriter out;

    TextRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void info(InfoResult r) {
        VmFacts vm = r.vm();
        ProcessFacts p = r.process();
        row("core", r.core() + (p.gcore() ? " (taken with gcore)" : ""));
        row("jvm", vm.vmRelease() + " (" + vm.vendor() + ")");
        if (!p.jdkHome().isEmpty()) {
            row("jdk", p.jdkHome());
        }
        row("gc", vm.gcName() + ", heap " + Units.bytes(vm.heapUsed()) + " used of "
                + Units.bytes(vm.heapCapacity()) + " capacity");
        for (SpaceUse s : r.spaces()) {
            row("  " + s.kind(), (s.ranges() > 1 || r.regionSize() > 0 ? s.ranges() + (s.ranges() == 1 ? " region, " : " regions, ") : "")
                    + Units.bytes(s.used()) + " used of " + Units.bytes(s.capacity()));
        }
        if (r.regionSize() > 0) {
            row("  region", Units.bytes(r.regionSize()));
        }
        row("oops", (vm.compressedOops() ? "compressed" : "uncompressed") + " oops, "
                + (vm.compressedClassPointers() ? "compressed" : "uncompressed") + " class pointers"
                + (vm.compactHeaders() ? ", compact object headers" : "") + ", alignment "
                + vm.objectAlignment());
        if (p.pid() > 0) {
            row("pid", Long.toString(p.pid()));
        }
        row("command", vm.javaCommand().isEmpty() ? p.command() : vm.javaCommand());
        if (!vm.jvmArgs().isEmpty()) {
            row("jvm args", vm.jvmArgs());
        }
        if (!vm.jvmFlags().isEmpty()) {
            row("jvm flags", vm.jvmFlags());
        }
        if (p.signal() > 0) {
            String thread = r.crashingThread().isEmpty() ? "tid " + p.crashingTid() + " (not a Java thread)"
                    : "\"" + r.crashingThread() + "\" (tid " + p.crashingTid() + ")";
            row("died", "signal " + p.signal() + " (" + p.signalName() + ") in thread " + thread);
        }
        row("hs_err log", p.hsErrLog().isEmpty() ? "none beside the core" : p.hsErrLog());
        p.bundle().ifPresent(b -> row("bundle", b.file() + ", made on host " + b.host() + " at " + b.created()
                + " from " + b.originalCore()));
        row("jfr", r.recording().isEmpty() ? "no recording found (jfr find shows where sa-shell looked)" : r.recording());
        for (Map.Entry<String, String> e : vm.properties().entrySet()) {
            if (e.getKey().equals("user.dir") || e.getKey().equals("java.home")) {
                row(e.getKey(), e.getValue());
            }
        }
        out.flush();
    }

    private void row(String key, String value) {
        out.printf("%-11s %s%n", key + ":", value);
    }

    @Override
    public void threads(List<JavaThreadFacts> threads, long crashingTid) {
        out.printf("%3s %-8s %-7s %-34s %-6s %s%n", "#", "tid", "java id", "state", "daemon", "name");
        for (JavaThreadFacts t : threads) {
            String mark = t.osThreadId() == crashingTid ? "*" : " ";
            out.printf("%s%2d %-8d %-7d %-34s %-6s %s%n", mark, t.index(), t.osThreadId(), t.javaId(),
                    t.state(), t.daemon() ? "yes" : "no", t.name());
        }
        out.printf("%d Java threads%s%n", threads.size(),
                threads.stream().anyMatch(t -> t.osThreadId() == crashingTid) ? "; * marks the crashing thread" : "");
        out.flush();
    }

    @Override
    public void stacks(List<StackFacts> stacks, long crashingTid) {
        boolean first = true;
        for (StackFacts s : stacks) {
            if (!first) {
                out.println();
            }
            first = false;
            JavaThreadFacts t = s.thread();
            out.printf("\"%s\" #%d tid=%d %s%s%s%n", t.name(), t.index(), t.osThreadId(), t.state(),
                    t.daemon() ? " daemon" : "", t.osThreadId() == crashingTid ? " (crashed)" : "");
            for (FrameFacts f : s.frames()) {
                String where = f.kind().equals("native") ? "Native Method"
                        : f.line() >= 0 ? "line " + f.line() + ", bci " + f.bci() : "bci " + f.bci();
                out.printf("  at %s.%s (%s) [%s]%n", f.className(), f.methodName(), where, f.kind());
            }
            if (s.frames().isEmpty() && s.problem().isEmpty()) {
                out.println("  (no Java frames)");
            }
            if (!s.problem().isEmpty()) {
                out.println("  (" + s.problem() + ")");
            }
        }
        out.flush();
    }

    @Override
    public void histogram(HistogramResult r) {
        r.notes().forEach(n -> out.println("note: " + n));
        out.printf("%5s %14s %16s  %s%n", "#", "instances", "bytes", "class");
        int i = 1;
        for (HistogramRow row : r.rows()) {
            String loader = row.loader() == 0 ? "" : "  (" + row.loaderName() + ")";
            out.printf("%5d %,14d %,16d  %s%s%n", i++, row.count(), row.bytes(), row.className(), loader);
        }
        long hidden = r.matchedClasses() - r.rows().size();
        out.printf("%5s %,14d %,16d  total over %,d classes%s%n", "", r.totalCount(), r.totalBytes(),
                r.matchedClasses(), hidden > 0 ? String.format(Locale.ROOT, " (%,d not shown)", hidden) : "");
        out.flush();
    }

    @Override
    public void instances(InstancesResult r) {
        for (ObjectRef o : r.shown()) {
            out.printf("0x%x %,d%n", o.address(), o.size());
        }
        out.printf("%,d instances of %s, %,d bytes%s%n", r.count(), String.join(", ", r.classes()), r.bytes(),
                r.shown().size() < r.count() ? String.format(Locale.ROOT, " (%,d shown)", r.shown().size()) : "");
        out.flush();
    }

    @Override
    public void report(io.sashell.report.ReportResult r) {
        out.printf(Locale.ROOT, "wrote %s: %s, %d suspects, %d treemap cells (%d with path and fields)%s in %.1f s%n",
                r.file(), Units.bytes(r.bytes()), r.suspects(), r.cells(), r.details(),
                r.redacted() ? ", redacted" : "", r.millis() / 1000.0);
        out.flush();
    }

    @Override
    public void export(ExportResult r) {
        double seconds = r.millis() / 1000.0;
        out.printf(Locale.ROOT, "wrote %s: %s, %d instances, %d arrays, %d classes, %d roots, %d threads in %.1f s"
                        + " (%s/s)%n", r.file(), Units.bytes(r.bytes()), r.instances(), r.arrays(), r.classes(),
                r.roots(), r.threads(), seconds, Units.bytes((long) (r.bytes() / Math.max(seconds, 0.001))));
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
    }

    @Override
    public void object(ObjectFacts r) {
        object(r, "");
        out.flush();
    }

    private void object(ObjectFacts r, String indent) {
        out.printf("%s0x%x %s, %,d bytes%s%s%n", indent, r.address(), r.className(), r.size(),
                r.arrayLength() >= 0 ? ", length " + r.arrayLength() : "",
                r.text().isEmpty() ? "" : " = " + r.text());
        for (FieldFacts f : r.fields()) {
            out.printf("%s  %s %s = %s%n", indent, f.type(), f.name(), f.value());
        }
        if (r.omittedElements() > 0) {
            out.printf("%s  ... %,d more elements%n", indent, r.omittedElements());
        }
        for (ObjectFacts c : r.children()) {
            object(c, indent + "    ");
        }
    }

    @Override
    public void refs(InboundRefsResult r) {
        IndexText.refs(out, r);
    }

    @Override
    public void outboundRefs(OutboundRefsResult r) {
        IndexText.outbound(out, r);
    }

    @Override
    public void path(PathResult r) {
        IndexText.path(out, r);
    }

    @Override
    public void roots(RootsResult r) {
        IndexText.roots(out, r);
    }

    @Override
    public void liveHistogram(LiveHistogramResult r) {
        IndexText.liveHistogram(out, r);
    }

    @Override
    public void index(IndexInfoResult r) {
        IndexText.index(out, r);
    }

    @Override
    public void top(TopObjectsResult r) {
        AnswersText.top(out, r);
    }

    @Override
    public void dominators(DominatorTreeResult r) {
        AnswersText.dominators(out, r);
    }

    @Override
    public void retainedHistogram(RetainedHistogramResult r) {
        AnswersText.retainedHistogram(out, r);
    }

    @Override
    public void statics(StaticsResult r) {
        AnswersText.statics(out, r);
    }

    @Override
    public void suspects(SuspectsResult r) {
        AnswersText.suspects(out, r);
    }

    @Override
    public void strings(StringsResult r) {
        AnswersText.strings(out, r);
    }

    @Override
    public void memory(MemoryResult r) {
        AnswersText.memory(out, r);
    }

    @Override
    public void diff(HistogramDiffResult r) {
        AnswersText.diff(out, r);
    }
}
