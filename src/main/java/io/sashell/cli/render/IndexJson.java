package io.sashell.cli.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sashell.analysis.GcPath;
import io.sashell.analysis.InboundRef;
import io.sashell.analysis.InboundRefsResult;
import io.sashell.analysis.IndexInfoResult;
import io.sashell.analysis.LiveHistogramResult;
import io.sashell.analysis.LiveHistogramRow;
import io.sashell.analysis.OutboundRef;
import io.sashell.analysis.OutboundRefsResult;
import io.sashell.analysis.PathHop;
import io.sashell.analysis.PathResult;
import io.sashell.analysis.RootRef;
import io.sashell.analysis.RootRow;
import io.sashell.analysis.RootsResult;
import io.sashell.index.EdgeLabel;

/** JSON of the heap graph's results; addresses are hex strings, as everywhere. */
final class IndexJson {
    private IndexJson() {
    }

    static ObjectNode label(JsonNodeFactory m, EdgeLabel l) {
        ObjectNode n = m.objectNode();
        n.put("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT));
        n.put("holder", l.holder());
        if (!l.name().isEmpty()) {
            n.put("name", l.name());
        }
        if (l.index() >= 0) {
            n.put("index", l.index());
        }
        if (l.isWeak()) {
            n.put("referenceType", l.referenceType().label());
        }
        n.put("text", l.describe());
        return n;
    }

    static void root(ObjectNode n, RootRef r) {
        n.put("kind", r.kind().label());
        n.put("description", r.description());
        if (!r.threadName().isEmpty()) {
            n.put("thread", r.threadName());
        }
    }

    static ObjectNode refs(JsonNodeFactory m, InboundRefsResult r) {
        ObjectNode doc = m.objectNode();
        JsonNodes.object(doc.putObject("object"), r.target());
        doc.put("count", r.strongCount());
        doc.put("weakCount", r.weakCount());
        doc.put("classInstances", r.classInstances());
        doc.put("reachable", r.reachable());
        ArrayNode refs = doc.putArray("refs");
        for (InboundRef ref : r.refs()) {
            ObjectNode n = refs.addObject();
            JsonNodes.object(n, ref.source());
            n.put("weak", ref.weak());
            ArrayNode via = n.putArray("via");
            ref.via().forEach(l -> via.add(label(m, l)));
            if (ref.moreSlots() > 0) {
                n.put("moreSlots", ref.moreSlots());
            }
        }
        ArrayNode roots = doc.putArray("roots");
        r.roots().forEach(root -> root(roots.addObject(), root));
        return doc;
    }

    static ObjectNode outbound(JsonNodeFactory m, OutboundRefsResult r) {
        ObjectNode doc = m.objectNode();
        JsonNodes.object(doc.putObject("object"), r.source());
        doc.put("count", r.total());
        ArrayNode refs = doc.putArray("refs");
        for (OutboundRef ref : r.refs()) {
            ObjectNode n = refs.addObject();
            n.set("via", label(m, ref.via()));
            if (ref.target() == null) {
                n.put("address", Renderer.hex(ref.address()));
                n.put("dangling", true);
            } else {
                JsonNodes.object(n, ref.target());
            }
        }
        return doc;
    }

    static ObjectNode path(JsonNodeFactory m, PathResult r) {
        ObjectNode doc = m.objectNode();
        JsonNodes.object(doc.putObject("object"), r.target());
        doc.put("weak", r.weak());
        doc.put("reachable", !r.paths().isEmpty());
        if (!r.unreachable().isEmpty()) {
            doc.put("unreachable", r.unreachable());
        }
        ArrayNode paths = doc.putArray("paths");
        for (GcPath p : r.paths()) {
            ObjectNode pn = paths.addObject();
            ObjectNode root = pn.putObject("root");
            JsonNodes.object(root, p.root());
            ArrayNode kinds = root.putArray("roots");
            p.rootKinds().forEach(k -> root(kinds.addObject(), k));
            ArrayNode hops = pn.putArray("hops");
            for (PathHop h : p.hops()) {
                ObjectNode hn = hops.addObject();
                JsonNodes.object(hn.putObject("from"), h.from());
                hn.set("via", label(m, h.via()));
                JsonNodes.object(hn.putObject("to"), h.to());
            }
        }
        ArrayNode notes = doc.putArray("notes");
        r.notes().forEach(notes::add);
        return doc;
    }

    static ObjectNode roots(JsonNodeFactory m, RootsResult r) {
        ObjectNode doc = m.objectNode();
        if (r.kind() != null) {
            doc.put("kind", r.kind().label());
        }
        ArrayNode counts = doc.putArray("counts");
        for (RootsResult.KindCount c : r.counts()) {
            ObjectNode n = counts.addObject();
            n.put("kind", c.kind().label());
            n.put("roots", c.roots());
            n.put("objects", c.objects());
            n.put("threads", c.threads());
        }
        doc.put("matched", r.matched());
        ArrayNode rows = doc.putArray("roots");
        for (RootRow row : r.shown()) {
            ObjectNode n = rows.addObject();
            root(n, row.root());
            JsonNodes.object(n.putObject("object"), row.object());
        }
        ArrayNode problems = doc.putArray("problems");
        r.problems().forEach(problems::add);
        return doc;
    }

    static ObjectNode liveHistogram(JsonNodeFactory m, LiveHistogramResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("pattern", r.pattern());
        ArrayNode rows = doc.putArray("rows");
        for (LiveHistogramRow row : r.rows()) {
            ObjectNode n = rows.addObject();
            n.put("class", row.className());
            n.put("liveCount", row.liveCount());
            n.put("liveBytes", row.liveBytes());
            n.put("count", row.count());
            n.put("bytes", row.bytes());
            JsonNodes.klass(n, row.klass(), row.loaderName());
        }
        JsonNodes.totals(doc, r.matchedClasses(), r.totalCount(), r.totalBytes(), r.notes());
        doc.put("liveCount", r.liveCount());
        doc.put("liveBytes", r.liveBytes());
        return doc;
    }

    static ObjectNode index(JsonNodeFactory m, IndexInfoResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("file", r.file());
        doc.put("fileBytes", r.fileBytes());
        doc.put("built", r.built());
        doc.put("rejection", r.rejection());
        doc.put("openMillis", r.openMillis());
        doc.put("buildMillis", r.buildMillis());
        doc.put("objects", r.objects());
        doc.put("edges", r.edges());
        doc.put("weakEdges", r.weakEdges());
        doc.put("roots", r.roots());
        doc.put("classes", r.classes());
        doc.put("liveObjects", r.liveObjects());
        ArrayNode problems = doc.putArray("problems");
        r.problems().forEach(problems::add);
        return doc;
    }
}
