package io.sashell.cli.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

/** JSON of the retained-size answers; addresses are hex strings, as everywhere. */
final class AnswersJson {
    private AnswersJson() {
    }

    static void retained(ObjectNode n, RetainedObject o) {
        JsonNodes.object(n, o.object());
        n.put("retained", o.retained());
        n.put("percent", o.percent());
        if (o.dominator() != null) {
            JsonNodes.object(n.putObject("dominator"), o.dominator());
        }
        n.put("via", o.via());
    }

    static ObjectNode top(JsonNodeFactory m, TopObjectsResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("by", r.by());
        doc.put("reachableBytes", r.reachableBytes());
        doc.put("reachableObjects", r.reachableObjects());
        ArrayNode rows = doc.putArray("objects");
        r.rows().forEach(o -> retained(rows.addObject(), o));
        return doc;
    }

    static ObjectNode dominators(JsonNodeFactory m, DominatorTreeResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("reachableBytes", r.reachableBytes());
        if (r.start() != null) {
            retained(doc.putObject("start"), r.start());
        }
        ArrayNode nodes = doc.putArray("nodes");
        for (DominatorTreeResult.Node n : r.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("depth", n.depth());
            retained(o, n.object());
            o.put("children", n.children());
            o.put("hiddenChildren", n.hiddenChildren());
            o.put("hiddenBytes", n.hiddenBytes());
        }
        return doc;
    }

    static ObjectNode retainedHistogram(JsonNodeFactory m, RetainedHistogramResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("pattern", r.pattern());
        doc.put("matchedClasses", r.matchedClasses());
        doc.put("reachableBytes", r.reachableBytes());
        ArrayNode rows = doc.putArray("rows");
        for (RetainedHistogramResult.Row row : r.rows()) {
            ObjectNode n = rows.addObject();
            n.put("class", row.className());
            JsonNodes.klass(n, row.klass(), row.loaderName());
            n.put("liveCount", row.liveCount());
            n.put("liveBytes", row.liveBytes());
            n.put("retained", row.retained());
        }
        return doc;
    }

    static ObjectNode statics(JsonNodeFactory m, StaticsResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("fields", r.fields());
        doc.put("reachableBytes", r.reachableBytes());
        ArrayNode rows = doc.putArray("statics");
        for (StaticsResult.Row row : r.rows()) {
            ObjectNode n = rows.addObject();
            n.put("field", row.name());
            n.put("class", row.className());
            n.put("name", row.field());
            JsonNodes.object(n.putObject("value"), row.value());
            n.put("retained", row.retained());
            n.put("percent", row.percent());
            n.put("owned", row.owned());
        }
        return doc;
    }

    static ObjectNode suspects(JsonNodeFactory m, SuspectsResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("threshold", r.threshold());
        doc.put("reachableBytes", r.reachableBytes());
        ArrayNode list = doc.putArray("suspects");
        for (SuspectsResult.Suspect s : r.suspects()) {
            ObjectNode n = list.addObject();
            n.put("kind", s.kind());
            n.put("holder", s.holder());
            n.put("class", s.className());
            n.put("instances", s.instances());
            retained(n.putObject("suspect"), s.suspect());
            if (s.accumulation() != null) {
                ObjectNode a = n.putObject("accumulation");
                retained(a, s.accumulation().object());
                a.put("elementClass", s.accumulation().elementClass());
                a.put("count", s.accumulation().count());
                a.put("elementsRetained", s.accumulation().elementsRetained());
            }
            if (s.path() != null) {
                path(m, n.putObject("path"), s.path());
            }
            n.put("explanation", s.explanation());
        }
        ArrayNode next = doc.putArray("next");
        r.next().forEach(next::add);
        return doc;
    }

    private static void path(JsonNodeFactory m, ObjectNode pn, GcPath p) {
        ObjectNode root = pn.putObject("root");
        JsonNodes.object(root, p.root());
        ArrayNode kinds = root.putArray("roots");
        p.rootKinds().forEach(k -> IndexJson.root(kinds.addObject(), k));
        ArrayNode hops = pn.putArray("hops");
        for (PathHop h : p.hops()) {
            ObjectNode hn = hops.addObject();
            JsonNodes.object(hn.putObject("from"), h.from());
            hn.set("via", IndexJson.label(m, h.via()));
            JsonNodes.object(hn.putObject("to"), h.to());
        }
    }

    static ObjectNode strings(JsonNodeFactory m, StringsResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("dups", r.dups());
        doc.put("pattern", r.pattern());
        doc.put("strings", r.strings());
        doc.put("matched", r.matched());
        doc.put("wastedBytes", r.wastedBytes());
        ArrayNode rows = doc.putArray("values");
        for (StringsResult.Row row : r.rows()) {
            ObjectNode n = rows.addObject();
            n.put("value", row.value());
            n.put("length", row.length());
            n.put("count", row.count());
            n.put("bytes", row.bytes());
            n.put("wasted", row.wasted());
            n.put("example", Renderer.hex(row.example()));
        }
        return doc;
    }

    static ObjectNode memory(JsonNodeFactory m, MemoryResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("total", r.total());
        doc.put("inCore", r.inCore());
        ObjectNode heap = doc.putObject("heap");
        heap.put("reserved", r.heapReserved());
        heap.put("committed", r.heapCommitted());
        heap.put("used", r.heapUsed());
        ArrayNode kinds = doc.putArray("kinds");
        for (MemoryResult.Kind k : r.kinds()) {
            ObjectNode n = kinds.addObject();
            n.put("kind", k.kind());
            n.put("pieces", k.ranges());
            n.put("bytes", k.bytes());
            n.put("inCore", k.inCore());
        }
        ArrayNode spaces = doc.putArray("spaces");
        for (MemoryResult.Space sp : r.spaces()) {
            ObjectNode n = spaces.addObject();
            n.put("name", sp.name());
            n.put("reserved", sp.reserved());
            n.put("committed", sp.committed());
            if (sp.used() >= 0) {
                n.put("used", sp.used());
            }
        }
        ArrayNode files = doc.putArray("files");
        for (MemoryResult.MappedPath p : r.files()) {
            ObjectNode n = files.addObject();
            n.put("path", p.path());
            n.put("pieces", p.ranges());
            n.put("bytes", p.bytes());
        }
        ArrayNode notes = doc.putArray("notes");
        r.notes().forEach(notes::add);
        return doc;
    }

    static ObjectNode diff(JsonNodeFactory m, HistogramDiffResult r) {
        ObjectNode doc = m.objectNode();
        doc.put("coreA", r.coreA());
        doc.put("coreB", r.coreB());
        doc.put("countA", r.countA());
        doc.put("countB", r.countB());
        doc.put("bytesA", r.bytesA());
        doc.put("bytesB", r.bytesB());
        doc.put("changedClasses", r.matchedClasses());
        ArrayNode rows = doc.putArray("rows");
        for (HistogramDiffResult.Row row : r.rows()) {
            ObjectNode n = rows.addObject();
            n.put("class", row.className());
            n.put("countA", row.countA());
            n.put("bytesA", row.bytesA());
            n.put("countB", row.countB());
            n.put("bytesB", row.bytesB());
            n.put("countGrowth", row.countGrowth());
            n.put("bytesGrowth", row.bytesGrowth());
        }
        return doc;
    }
}
