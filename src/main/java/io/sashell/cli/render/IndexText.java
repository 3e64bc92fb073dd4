package io.sashell.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sashell.analysis.GcPath;
import io.sashell.analysis.InboundRef;
import io.sashell.analysis.InboundRefsResult;
import io.sashell.analysis.IndexInfoResult;
import io.sashell.analysis.LiveHistogramResult;
import io.sashell.analysis.LiveHistogramRow;
import io.sashell.analysis.ObjectSummary;
import io.sashell.analysis.OutboundRef;
import io.sashell.analysis.OutboundRefsResult;
import io.sashell.analysis.PathHop;
import io.sashell.analysis.PathResult;
import io.sashell.analysis.RootRef;
import io.sashell.analysis.RootRow;
import io.sashell.analysis.RootsResult;
import io.sashell.index.EdgeLabel;

/** Plain text of the heap graph's results (refs, path, roots, histo --live, index). */
final class IndexText {
    private IndexText() {
    }

    static String object(ObjectSummary o) {
        return String.format("0x%x %s", o.address(), o.className());
    }

    /** A reference as seen from its source, whose class is shown beside it: a field, {@code [17]}, ... */
    static String via(EdgeLabel l, String sourceClass) {
        return switch (l.kind()) {
            case FIELD -> l.holder().equals(sourceClass) ? l.name() : l.holder() + "." + l.name();
            case VM_FIELD -> (l.holder().equals(sourceClass) ? l.name() : l.holder() + "." + l.name()) + " (injected)";
            case ARRAY_ELEMENT -> "[" + l.index() + "]";
            case STATIC_FIELD -> "static " + l.name();
            case REFERENT -> "referent (" + l.referenceType().label() + ")";
            default -> l.describe();
        };
    }

    static String root(RootRef r) {
        return r.kind().label() + (r.threadName().isEmpty() ? "" : " \"" + r.threadName() + "\"")
                + (r.description().isEmpty() ? "" : ": " + r.description());
    }

    static void refs(PrintWriter out, InboundRefsResult r) {
        ObjectSummary t = r.target();
        long total = r.strongCount() + r.weakCount();
        out.printf("%s (%,d bytes): referenced by %,d object%s%s%n", object(t), t.size(), total, total == 1 ? "" : "s",
                r.weakCount() > 0 ? String.format(Locale.ROOT, " (%,d through weak references)", r.weakCount()) : "");
        for (InboundRef ref : r.refs()) {
            List<String> via = new ArrayList<>();
            for (EdgeLabel l : ref.via()) {
                via.add(via(l, ref.source().className()));
            }
            String more = ref.moreSlots() > 0 ? String.format(Locale.ROOT, " (+%,d more slots)", ref.moreSlots()) : "";
            out.printf("  %-40s %s%s%n", object(ref.source()), String.join(", ", via), more);
        }
        long hidden = total - r.refs().size();
        if (hidden > 0) {
            out.printf("  ... %,d more (-n shows more)%n", hidden);
        }
        if (r.classInstances() > 0) {
            out.printf("  and %,d instances of the class hold it as their class%n", r.classInstances());
        }
        if (r.roots().isEmpty()) {
            out.println(r.reachable() ? "not a GC root" : "not a GC root, and no GC root reaches it (path says more)");
        }
        for (RootRef root : r.roots()) {
            out.println("GC root: " + root(root));
        }
        out.flush();
    }

    static void outbound(PrintWriter out, OutboundRefsResult r) {
        ObjectSummary s = r.source();
        out.printf("%s (%,d bytes): holds %,d reference%s%n", object(s), s.size(), r.total(), r.total() == 1 ? "" : "s");
        for (OutboundRef ref : r.refs()) {
            String target = ref.target() == null ? String.format("0x%x (no object starts there)", ref.address())
                    : object(ref.target());
            out.printf("  %-32s → %s%n", via(ref.via(), s.className()), target);
        }
        if (r.total() > r.refs().size()) {
            out.printf("  ... %,d more (-n shows more)%n", r.total() - r.refs().size());
        }
        out.flush();
    }

    static void path(PrintWriter out, PathResult r) {
        ObjectSummary t = r.target();
        if (r.paths().isEmpty()) {
            out.printf("%s (%,d bytes): %s%n", object(t), t.size(), r.unreachable());
        } else if (r.paths().size() == 1) {
            out.printf("%s (%,d bytes): %s%n", object(t), t.size(), hops(r.paths().get(0), r.weak()));
            path(out, r.paths().get(0), "  ");
        } else {
            out.printf("%s (%,d bytes): %d paths from GC roots%s%n", object(t), t.size(), r.paths().size(),
                    r.weak() ? " (weak references included)" : "");
            int n = 1;
            for (GcPath p : r.paths()) {
                out.printf("  path %d: %s%n", n++, hops(p, false));
                path(out, p, "    ");
            }
        }
        r.notes().forEach(n -> out.println("note: " + n));
        out.flush();
    }

    private static String hops(GcPath p, boolean weak) {
        int hops = p.hops().size();
        return hops == 0 ? "a GC root itself" : hops + " hop" + (hops == 1 ? "" : "s") + " from a GC root"
                + (weak ? " (weak references included)" : "");
    }

    private static void path(PrintWriter out, GcPath p, String indent) {
        List<String> kinds = p.rootKinds().stream().map(IndexText::root).toList();
        out.printf("%s%s  [root: %s]%n", indent, object(p.root()), String.join("; ", kinds));
        for (PathHop h : p.hops()) {
            out.printf("%s→ %s → %s%n", indent, h.via().describe(), object(h.to()));
        }
    }

    static void roots(PrintWriter out, RootsResult r) {
        out.printf("%-20s %10s %10s %8s%n", "kind", "roots", "objects", "threads");
        long total = 0;
        for (RootsResult.KindCount c : r.counts()) {
            out.printf("%-20s %,10d %,10d %,8d%n", c.kind().label(), c.roots(), c.objects(), c.threads());
            total += c.roots();
        }
        out.printf("%-20s %,10d%n", "total", total);
        if (!r.shown().isEmpty()) {
            out.println();
            for (RootRow row : r.shown()) {
                out.printf("%-18s %-44s %s%n", row.root().kind().label(), object(row.object()),
                        (row.root().threadName().isEmpty() ? "" : "\"" + row.root().threadName() + "\" ")
                                + row.root().description());
            }
            if (r.matched() > r.shown().size()) {
                out.printf("... %,d more (-n shows more)%n", r.matched() - r.shown().size());
            }
        }
        r.problems().forEach(p -> out.println("note: " + p));
        out.flush();
    }

    static void liveHistogram(PrintWriter out, LiveHistogramResult r) {
        r.notes().forEach(n -> out.println("note: " + n));
        out.printf("%5s %14s %16s %14s %16s  %s%n", "#", "live", "live bytes", "instances", "bytes", "class");
        int i = 1;
        for (LiveHistogramRow row : r.rows()) {
            String loader = row.loaderName().equals("bootstrap") ? "" : "  (" + row.loaderName() + ")";
            out.printf("%5d %,14d %,16d %,14d %,16d  %s%s%n", i++, row.liveCount(), row.liveBytes(), row.count(),
                    row.bytes(), row.className(), loader);
        }
        long hidden = r.matchedClasses() - r.rows().size();
        out.printf("%5s %,14d %,16d %,14d %,16d  total over %,d classes%s%n", "", r.liveCount(), r.liveBytes(),
                r.totalCount(), r.totalBytes(), r.matchedClasses(),
                hidden > 0 ? String.format(Locale.ROOT, " (%,d not shown)", hidden) : "");
        out.printf("garbage: %,d objects, %s not reachable from any GC root%n", r.totalCount() - r.liveCount(),
                Units.bytes(r.totalBytes() - r.liveBytes()));
        out.flush();
    }

    static void index(PrintWriter out, IndexInfoResult r) {
        row(out, "file", r.file().isEmpty() ? "none (--no-index: kept in memory for this session)"
                : r.file() + " (" + Units.bytes(r.fileBytes()) + ")");
        row(out, "state", r.built() ? String.format(Locale.ROOT, "built now in %.1f s", r.openMillis() / 1000.0)
                : String.format(Locale.ROOT, "read back in %d ms (built in %.1f s)", r.openMillis(),
                r.buildMillis() / 1000.0));
        if (!r.rejection().isEmpty()) {
            row(out, "rebuilt", "the file there was " + r.rejection());
        }
        row(out, "objects", String.format(Locale.ROOT, "%,d (%,d reachable from GC roots)", r.objects(),
                r.liveObjects()));
        row(out, "references", String.format(Locale.ROOT, "%,d strong, %,d weak", r.edges(), r.weakEdges()));
        row(out, "roots", String.format(Locale.ROOT, "%,d", r.roots()));
        row(out, "classes", String.format(Locale.ROOT, "%,d", r.classes()));
        for (String p : r.problems()) {
            row(out, "problem", p);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf("%-11s %s%n", key + ":", value);
    }
}
