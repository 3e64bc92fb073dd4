package io.sashell.cli.render;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sashell.analysis.ObjectSummary;

/**
 * The pieces every JSON answer spells the same way: an object (hex address, class, shallow size), a class row's
 * klass and loader, a histogram's totals and notes.
 */
final class JsonNodes {
    private JsonNodes() {
    }

    /** Puts an object's address (hex), class and shallow size into {@code n}; returns {@code n}. */
    static ObjectNode object(ObjectNode n, long address, String className, long size) {
        n.put("address", Renderer.hex(address));
        n.put("class", className);
        n.put("size", size);
        return n;
    }

    static ObjectNode object(ObjectNode n, ObjectSummary o) {
        return object(n, o.address(), o.className(), o.size());
    }

    /** Puts a class row's klass address (hex) and loader into {@code n}. */
    static void klass(ObjectNode n, long klass, String loader) {
        n.put("klass", Renderer.hex(klass));
        n.put("loader", loader);
    }

    /** Puts a histogram's totals (classes matched, objects, bytes) and notes into {@code doc}. */
    static void totals(ObjectNode doc, long classes, long count, long bytes, List<String> notes) {
        doc.put("classes", classes);
        doc.put("totalCount", count);
        doc.put("totalBytes", bytes);
        ArrayNode n = doc.putArray("notes");
        notes.forEach(n::add);
    }
}
