package io.sashell.cli.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import io.sashell.analysis.DominatorTreeResult;
import io.sashell.analysis.GcPath;
import io.sashell.analysis.HistogramDiffResult;
import io.sashell.analysis.MemoryResult;
import io.sashell.analysis.PathHop;
import io.sashell.analysis.RetainedHistogramResult;
import io.sashell.analysis.RetainedObject;
import io.sashell.analysis.StaticsResult;
import io.sashell.analysis.StringsResult;
import io.sashell.analysis.SuspectsResult;
import io.sashell.analysis.TopObjectsResult;

/** Plain text of the retained-size answers: top, dominators, histo --retained, statics, suspects. */
final class AnswersText {
    private AnswersText() {
    }

    private static String heldBy(RetainedObject o) {
        if (o.dominator() == null) {
            return o.via();
        }
        return o.via().isEmpty() ? "under " + IndexText.object(o.dominator())
                : o.via() + " of 0x" + Long.toHexString(o.dominator().address());
    }

    static void top(PrintWriter out, TopObjectsResult r) {
        out.printf("%4s %-18s %12s %14s %6s  %-36s %s%n", "#", "address", "shallow", "retained", "%", "class",
                "held by");
        int i = 1;
        for (RetainedObject o : r.rows()) {
            out.printf(Locale.ROOT, "%4d 0x%-16x %,12d %,14d %5.1f%%  %-36s %s%n", i++, o.object().address(),
                    o.object().size(), o.retained(), o.percent(), o.object().className(), heldBy(o));
        }
        out.printf("by %s size; %,d reachable objects, %s reachable%n", r.by(), r.reachableObjects(),
                Units.bytes(r.reachableBytes()));
        out.flush();
    }

    static void dominators(PrintWriter out, DominatorTreeResult r) {
        if (r.start() == null) {
            out.printf("GC roots (virtual root): %s reachable%n", Units.bytes(r.reachableBytes()));
        } else {
            RetainedObject s = r.start();
            out.printf(Locale.ROOT, "%s: shallow %,d, retained %,d (%.1f%%), held by %s%n", IndexText.object(s.object()),
                    s.object().size(), s.retained(), s.percent(), heldBy(s));
        }
        for (DominatorTreeResult.Node n : r.nodes()) {
            RetainedObject o = n.object();
            String indent = "  ".repeat(n.depth());
            String name = String.format("%-" + Math.max(10, 52 - indent.length()) + "s",
                    IndexText.object(o.object()));
            String hidden = n.hiddenChildren() > 0 ? String.format(Locale.ROOT, "  (+%,d more children retaining"
                    + " %,d bytes)", n.hiddenChildren(), n.hiddenBytes()) : "";
            out.printf(Locale.ROOT, "%s%s %,14d %5.1f%%  %s%s%n", indent, name, o.retained(), o.percent(), o.via(),
                    hidden);
        }
        out.flush();
    }

    static void retainedHistogram(PrintWriter out, RetainedHistogramResult r) {
        out.printf("%5s %14s %16s %16s %6s  %s%n", "#", "live", "live bytes", "retained", "%", "class");
        int i = 1;
        for (RetainedHistogramResult.Row row : r.rows()) {
            String loader = row.loaderName().equals("bootstrap") ? "" : "  (" + row.loaderName() + ")";
            out.printf(Locale.ROOT, "%5d %,14d %,16d %,16d %5.1f%%  %s%s%n", i++, row.liveCount(), row.liveBytes(),
                    row.retained(), r.reachableBytes() == 0 ? 0.0 : 100.0 * row.retained() / r.reachableBytes(),
                    row.className(), loader);
        }
        long hidden = r.matchedClasses() - r.rows().size();
        out.printf("retained: what would become unreachable if every instance of the class were gone; %s"
                + " reachable%s%n", Units.bytes(r.reachableBytes()),
                hidden > 0 ? String.format(Locale.ROOT, " (%,d classes not shown)", hidden) : "");
        out.flush();
    }

    static void statics(PrintWriter out, StaticsResult r) {
        out.printf("%4s %14s %6s  %-48s %s%n", "#", "retained", "%", "field", "value");
        int i = 1;
        for (StaticsResult.Row row : r.rows()) {
            out.printf(Locale.ROOT, "%4d %,14d %5.1f%%  %-48s %s%s%n", i++, row.retained(), row.percent(), row.name(),
                    IndexText.object(row.value()), row.owned() ? "" : "  (also held elsewhere)");
        }
        if (r.fields() > r.rows().size()) {
            out.printf("... %,d more static fields (-n shows more)%n", r.fields() - r.rows().size());
        }
        out.flush();
    }

    static void suspects(PrintWriter out, SuspectsResult r) {
        out.printf(Locale.ROOT, "Leak suspects: what retains at least %.1f%% of the %s reachable from GC roots%n",
                r.threshold(), Units.bytes(r.reachableBytes()));
        if (r.suspects().isEmpty()) {
            out.println();
            out.println("No object or class retains that much: no single place holds a large share of the heap."
                    + " A lower --threshold, or top and histo --retained, show the biggest holders.");
        }
        int i = 1;
        for (SuspectsResult.Suspect s : r.suspects()) {
            out.println();
            out.printf(Locale.ROOT, "Suspect %d: %s — %s retains %s (%.1f%%)%n", i++, s.holder(),
                    s.kind().equals("class") ? String.format(Locale.ROOT, "%,d instances of %s", s.instances(),
                            s.className()) : IndexText.object(s.suspect().object()),
                    Units.bytes(s.suspect().retained()), s.suspect().percent());
            if (s.accumulation() != null) {
                SuspectsResult.Accumulation a = s.accumulation();
                if (a.count() == 1 && a.elementClass().equals(a.object().object().className())) {
                    out.printf("  accumulation point: %s, one object of %,d bytes%n",
                            IndexText.object(a.object().object()), a.elementsRetained());
                } else {
                    out.printf("  accumulation point: %s, %,d instances of %s retaining %,d bytes%n",
                            IndexText.object(a.object().object()), a.count(), a.elementClass(),
                            a.elementsRetained());
                }
            }
            if (s.path() != null) {
                gcPath(out, s.path());
            }
            out.println("  " + s.explanation());
        }
        out.println();
        out.println("Next: " + String.join("; ", r.next()));
        out.flush();
    }

    private static void gcPath(PrintWriter out, GcPath p) {
        List<String> kinds = p.rootKinds().stream().map(IndexText::root).toList();
        out.printf("  path from its GC root: %s  [root: %s]%n", IndexText.object(p.root()), String.join("; ", kinds));
        for (PathHop h : p.hops()) {
            out.printf("    → %s → %s%n", h.via().describe(), IndexText.object(h.to()));
        }
    }

    static void strings(PrintWriter out, StringsResult r) {
        out.printf("%4s %10s %14s %14s %-18s  %s%n", "#", "count", "bytes", r.dups() ? "wasted" : "length", "example",
                "value");
        int i = 1;
        for (StringsResult.Row row : r.rows()) {
            out.printf("%4d %,10d %,14d %,14d 0x%-16x  \"%s\"%n", i++, row.count(), row.bytes(),
                    r.dups() ? row.wasted() : row.length(), row.example(), escape(row.value()));
        }
        out.printf("%,d String objects; %,d %svalues matched%s%n", r.strings(), r.matched(), r.dups() ? "duplicated "
                : "", r.dups() ? String.format(Locale.ROOT, ", wasting %s", Units.bytes(r.wastedBytes())) : "");
        out.flush();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static void memory(PrintWriter out, MemoryResult r) {
        out.printf("%-56s %8s %12s %12s%n", "kind", "pieces", "size", "in core");
        long outside = 0;
        long outsideInCore = 0;
        for (MemoryResult.Kind k : r.kinds()) {
            out.printf("%-56s %,8d %12s %12s%n", k.kind(), k.ranges(), Units.bytes(k.bytes()), Units.bytes(k.inCore()));
            if (!k.kind().startsWith("Java heap")) {
                outside += k.bytes();
                outsideInCore += k.inCore();
            }
        }
        out.printf("%-56s %8s %12s %12s%n", "total", "", Units.bytes(r.total()), Units.bytes(r.inCore()));
        out.printf("outside the Java heap: %s of address space (%.1f%%), %s of it stored in the core%n",
                Units.bytes(outside), r.total() == 0 ? 0.0 : 100.0 * outside / r.total(), Units.bytes(outsideInCore));
        if (r.heapReserved() > 0) {
            out.printf("Java heap: reserved %s, committed %s, used %s%n", Units.bytes(r.heapReserved()),
                    Units.bytes(r.heapCommitted()), Units.bytes(r.heapUsed()));
        }
        for (MemoryResult.Space sp : r.spaces()) {
            out.printf("%s: reserved %s, committed %s%s%n", sp.name(), Units.bytes(sp.reserved()),
                    Units.bytes(sp.committed()), sp.used() < 0 ? "" : ", used " + Units.bytes(sp.used()));
        }
        if (!r.files().isEmpty()) {
            out.println("mapped files by size:");
            for (MemoryResult.MappedPath p : r.files()) {
                out.printf("  %12s  %s%n", Units.bytes(p.bytes()), p.path());
            }
        }
        r.notes().forEach(n -> out.println("note: " + n));
        out.flush();
    }

    static void diff(PrintWriter out, HistogramDiffResult r) {
        out.printf("A: %s%nB: %s%n", r.coreA(), r.coreB());
        out.printf("%4s %14s %16s %14s %16s  %s%n", "#", "+instances", "+bytes", "instances B", "bytes B", "class");
        int i = 1;
        for (HistogramDiffResult.Row row : r.rows()) {
            out.printf("%4d %+,14d %+,16d %,14d %,16d  %s%n", i++, row.countGrowth(), row.bytesGrowth(), row.countB(),
                    row.bytesB(), row.className());
        }
        out.printf("total: %,d → %,d objects, %s → %s (%+,d bytes); %,d classes changed%n", r.countA(), r.countB(),
                Units.bytes(r.bytesA()), Units.bytes(r.bytesB()), r.bytesB() - r.bytesA(), r.matchedClasses());
        out.flush();
    }
}
