package io.sashell.cli.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

/** One compact JSON document per command, on one line. Addresses are hex strings. */
final class JsonRenderer implements Renderer {
    private static final JsonNodeFactory MAPPER = JsonNodeFactory.instance;
    private final PrintWriter out;

    JsonRenderer(PrintWriter out) {
        this.out = out;
    }

    private void emit(ObjectNode doc) {
        out.println(JsonText.of(doc));
        out.flush();
    }

    @Override
    public void info(InfoResult r) {
        ObjectNode doc = MAPPER.objectNode();
        VmFacts vm = r.vm();
        ProcessFacts p = r.process();
        doc.put("core", r.core());
        doc.put("vmRelease", vm.vmRelease());
        doc.put("vmInfo", vm.vmInfo());
        doc.put("vendor", vm.vendor());
        doc.put("jdkHome", p.jdkHome());
        doc.put("gc", vm.gcName());
        doc.put("heapCapacity", vm.heapCapacity());
        doc.put("heapUsed", vm.heapUsed());
        doc.put("compressedOops", vm.compressedOops());
        doc.put("compressedClassPointers", vm.compressedClassPointers());
        doc.put("compactHeaders", vm.compactHeaders());
        doc.put("objectAlignment", vm.objectAlignment());
        doc.put("pid", p.pid());
        doc.put("command", vm.javaCommand().isEmpty() ? p.command() : vm.javaCommand());
        doc.put("jvmArgs", vm.jvmArgs());
        doc.put("jvmFlags", vm.jvmFlags());
        doc.put("signal", p.signal());
        doc.put("signalName", p.signalName());
        doc.put("crashingTid", p.crashingTid());
        doc.put("crashingThread", r.crashingThread());
        doc.put("hsErrLog", p.hsErrLog());
        p.bundle().ifPresent(b -> {
            ObjectNode bundle = doc.putObject("bundle");
            bundle.put("file", b.file());
            bundle.put("host", b.host());
            bundle.put("created", b.created());
            bundle.put("originalCore", b.originalCore());
            bundle.put("jdkVersion", b.jdkVersion());
        });
        doc.put("gcore", p.gcore());
        ArrayNode spaces = doc.putArray("spaces");
        for (SpaceUse s : r.spaces()) {
            ObjectNode n = spaces.addObject();
            n.put("kind", s.kind());
            n.put("ranges", s.ranges());
            n.put("capacity", s.capacity());
            n.put("used", s.used());
        }
        doc.put("regionSize", r.regionSize());
        doc.put("jfrRecording", r.recording());
        ObjectNode props = doc.putObject("properties");
        for (Map.Entry<String, String> e : vm.properties().entrySet()) {
            props.put(e.getKey(), e.getValue());
        }
        emit(doc);
    }

    @Override
    public void threads(List<JavaThreadFacts> threads, long crashingTid) {
        ObjectNode doc = MAPPER.objectNode();
        ArrayNode arr = doc.putArray("threads");
        for (JavaThreadFacts t : threads) {
            thread(arr.addObject(), t, crashingTid);
        }
        emit(doc);
    }

    private static void thread(ObjectNode n, JavaThreadFacts t, long crashingTid) {
        n.put("index", t.index());
        n.put("name", t.name());
        n.put("tid", t.osThreadId());
        n.put("javaId", t.javaId());
        n.put("state", t.state());
        n.put("vmState", t.vmState());
        n.put("daemon", t.daemon());
        n.put("crashed", t.osThreadId() == crashingTid);
        n.put("thread", Renderer.hex(t.threadAddress()));
        n.put("threadObject", Renderer.hex(t.threadObjectAddress()));
    }

    @Override
    public void stacks(List<StackFacts> stacks, long crashingTid) {
        ObjectNode doc = MAPPER.objectNode();
        ArrayNode arr = doc.putArray("threads");
        for (StackFacts s : stacks) {
            ObjectNode t = arr.addObject();
            thread(t, s.thread(), crashingTid);
            ArrayNode frames = t.putArray("frames");
            for (FrameFacts f : s.frames()) {
                ObjectNode fn = frames.addObject();
                fn.put("class", f.className());
                fn.put("method", f.methodName());
                fn.put("signature", f.signature());
                fn.put("bci", f.bci());
                fn.put("line", f.line());
                fn.put("kind", f.kind());
            }
            if (!s.problem().isEmpty()) {
                t.put("problem", s.problem());
            }
        }
        emit(doc);
    }

    @Override
    public void histogram(HistogramResult r) {
        ObjectNode doc = MAPPER.objectNode();
        doc.put("engine", r.engine());
        doc.put("pattern", r.pattern());
        ArrayNode rows = doc.putArray("rows");
        for (HistogramRow row : r.rows()) {
            ObjectNode n = rows.addObject();
            n.put("class", row.className());
            n.put("count", row.count());
            n.put("bytes", row.bytes());
            JsonNodes.klass(n, row.klass(), row.loader() == 0 ? "bootstrap" : row.loaderName());
        }
        JsonNodes.totals(doc, r.matchedClasses(), r.totalCount(), r.totalBytes(), r.notes());
        emit(doc);
    }

    @Override
    public void instances(InstancesResult r) {
        ObjectNode doc = MAPPER.objectNode();
        doc.put("class", r.className());
        ArrayNode classes = doc.putArray("classes");
        r.classes().forEach(classes::add);
        doc.put("count", r.count());
        doc.put("bytes", r.bytes());
        ArrayNode objs = doc.putArray("instances");
        for (ObjectRef o : r.shown()) {
            ObjectNode n = objs.addObject();
            n.put("address", Renderer.hex(o.address()));
            n.put("size", o.size());
        }
        emit(doc);
    }

    @Override
    public void report(io.sashell.report.ReportResult r) {
        ObjectNode doc = MAPPER.objectNode();
        doc.put("file", r.file().toString());
        doc.put("bytes", r.bytes());
        doc.put("suspects", r.suspects());
        doc.put("cells", r.cells());
        doc.put("details", r.details());
        doc.put("redacted", r.redacted());
        doc.put("millis", r.millis());
        emit(doc);
    }

    @Override
    public void export(ExportResult r) {
        ObjectNode doc = MAPPER.objectNode();
        doc.put("file", r.file().toString());
        doc.put("bytes", r.bytes());
        doc.put("instances", r.instances());
        doc.put("arrays", r.arrays());
        doc.put("classes", r.classes());
        doc.put("roots", r.roots());
        doc.put("threads", r.threads());
        doc.put("skippedObjects", r.skippedObjects());
        doc.put("millis", r.millis());
        ArrayNode notes = doc.putArray("notes");
        r.notes().forEach(notes::add);
        emit(doc);
    }

    @Override
    public void object(ObjectFacts r) {
        emit(objectNode(r));
    }

    private static ObjectNode objectNode(ObjectFacts r) {
        ObjectNode doc = JsonNodes.object(MAPPER.objectNode(), r.address(), r.className(), r.size());
        doc.put("klass", Renderer.hex(r.klass()));
        if (r.arrayLength() >= 0) {
            doc.put("length", r.arrayLength());
        }
        if (!r.text().isEmpty()) {
            doc.put("text", r.text());
        }
        ArrayNode fields = doc.putArray("fields");
        for (FieldFacts f : r.fields()) {
            ObjectNode n = fields.addObject();
            n.put("name", f.name());
            n.put("type", f.type());
            n.put("value", f.value());
            if (f.reference() != 0) {
                n.put("reference", Renderer.hex(f.reference()));
                n.put("referenceClass", f.referenceClass());
            }
        }
        if (r.omittedElements() > 0) {
            doc.put("omittedElements", r.omittedElements());
        }
        if (!r.children().isEmpty()) {
            ArrayNode children = doc.putArray("children");
            r.children().forEach(c -> children.add(objectNode(c)));
        }
        return doc;
    }

    @Override
    public void refs(InboundRefsResult r) {
        emit(IndexJson.refs(MAPPER, r));
    }

    @Override
    public void outboundRefs(OutboundRefsResult r) {
        emit(IndexJson.outbound(MAPPER, r));
    }

    @Override
    public void path(PathResult r) {
        emit(IndexJson.path(MAPPER, r));
    }

    @Override
    public void roots(RootsResult r) {
        emit(IndexJson.roots(MAPPER, r));
    }

    @Override
    public void liveHistogram(LiveHistogramResult r) {
        emit(IndexJson.liveHistogram(MAPPER, r));
    }

    @Override
    public void index(IndexInfoResult r) {
        emit(IndexJson.index(MAPPER, r));
    }

    @Override
    public void top(TopObjectsResult r) {
        emit(AnswersJson.top(MAPPER, r));
    }

    @Override
    public void dominators(DominatorTreeResult r) {
        emit(AnswersJson.dominators(MAPPER, r));
    }

    @Override
    public void retainedHistogram(RetainedHistogramResult r) {
        emit(AnswersJson.retainedHistogram(MAPPER, r));
    }

    @Override
    public void statics(StaticsResult r) {
        emit(AnswersJson.statics(MAPPER, r));
    }

    @Override
    public void suspects(SuspectsResult r) {
        emit(AnswersJson.suspects(MAPPER, r));
    }

    @Override
    public void strings(StringsResult r) {
        emit(AnswersJson.strings(MAPPER, r));
    }

    @Override
    public void memory(MemoryResult r) {
        emit(AnswersJson.memory(MAPPER, r));
    }

    @Override
    public void diff(HistogramDiffResult r) {
        emit(AnswersJson.diff(MAPPER, r));
    }
}
