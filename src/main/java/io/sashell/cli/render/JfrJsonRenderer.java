package io.sashell.cli.render;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sashell.jfr.AllocationReport;
import io.sashell.jfr.GcReport;
import io.sashell.jfr.HeapTrend;
import io.sashell.jfr.HotMethodsReport;
import io.sashell.jfr.JfrSummary;
import io.sashell.jfr.LeakReport;
import io.sashell.jfr.RecordingFinder;
import io.sashell.jfr.RulesReport;

/**
 * The {@code jfr} answers as one JSON document each, on one line: the result records as they are (field names
 * are the record components), times in epoch nanoseconds, durations in nanoseconds, sizes in bytes; a
 * score JMC does not give is null.
 */
final class JfrJsonRenderer implements JfrRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PrintWriter out;

    JfrJsonRenderer(PrintWriter out) {
        this.out = out;
    }

    private void emit(JsonNode doc) {
        try {
            out.println(MAPPER.writeValueAsString(doc));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tree(Object record) {
        ObjectNode n = MAPPER.valueToTree(record);
        nanToNull(n);
        return n;
    }

    /** JSON has no NaN: "no value" is null. */
    private static void nanToNull(JsonNode n) {
        if (n instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) n;
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isDouble() && Double.isNaN(e.getValue().doubleValue())) {
                    e.setValue(MAPPER.nullNode());
                } else {
                    nanToNull(e.getValue());
                }
            }
        } else if (n instanceof ArrayNode) {
            n.forEach(JfrJsonRenderer::nanToNull);
        }
    }

    @Override
    public void summary(JfrSummary s) {
        emit(tree(s));
    }

    @Override
    public void heap(HeapTrend t, int width, int rows) {
        emit(tree(t));
    }

    @Override
    public void gc(GcReport r) {
        emit(tree(r));
    }

    @Override
    public void alloc(AllocationReport r) {
        emit(tree(r));
    }

    @Override
    public void leaks(LeakReport r) {
        emit(tree(r));
    }

    @Override
    public void rules(RulesReport r, boolean all, boolean explain) {
        emit(tree(r));
    }

    @Override
    public void cpu(HotMethodsReport r) {
        emit(tree(r));
    }

    @Override
    public void threads(HotMethodsReport r) {
        emit(tree(r));
    }

    @Override
    public void find(RecordingFinder.Search s) {
        ObjectNode doc = MAPPER.createObjectNode();
        ArrayNode found = doc.putArray("found");
        for (RecordingFinder.Found f : s.all()) {
            ObjectNode n = found.addObject();
            ArrayNode files = n.putArray("files");
            f.files().forEach(p -> files.add(p.toString()));
            n.put("how", f.how());
        }
        ArrayNode looked = doc.putArray("looked");
        s.looked().forEach(looked::add);
        emit(doc);
    }
}
