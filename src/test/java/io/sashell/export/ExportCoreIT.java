package io.sashell.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code export} on a real core of {@code testdata/scenarios/KnownGraph.java}, read back by an independent reader
 * (gridkit's {@code hprof-heap}, {@link IndependentHprof}): object counts per class equal the walker's histogram,
 * sampled objects' fields equal {@code inspect}'s and their references the index's ({@code refs --out}), and the
 * static holding the scenario's leak is reachable from a root of the file. The test's own {@link HprofReader}
 * checks what that reader does not show: record structure, statics, roots by kind, stack traces, file mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExportCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    ScenarioCore core;
    Path hprof;
    HprofReader file;
    JsonNode histo;
    JsonNode export;
    long holderAddress;
    /** The same file as gridkit's reader sees it, and the session's answers for objects sampled from it. */
    IndependentHprof reader;
    List<Long> sample;
    Map<Long, JsonNode> inspected;
    Map<Long, JsonNode> outbound;

    abstract Path jdk();

    abstract String[] jvmArgs();

    @BeforeAll
    void export() throws Exception {
        core = ScenarioCore.abortWhenReady(jdk(), "scenarios/KnownGraph.java", jvmArgs());
        hprof = core.dir().resolve("known graph.hprof");
        Run r = Run.saShell(null, "open", core.core().toString(), "--json", "-c", "histo --pages -n -1",
                "-c", "instances KnownGraph$Holder", "-c", "export -o '" + hprof + "'");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(3, docs.size(), r.stdout());
        histo = JSON.readTree(docs.get(0));
        holderAddress = Long.decode(JSON.readTree(docs.get(1)).get("instances").get(0).get("address").asText());
        export = JSON.readTree(docs.get(2));
        file = HprofReader.read(hprof);
        reader = IndependentHprof.open(hprof);
        askAboutSampledObjects();
    }

    /**
     * Samples objects of the file (the scenario's own objects, then every 500th object the reader lists) and asks
     * one more session, with the graph index kept in the core's folder, {@code inspect} and {@code refs --out}
     * for each.
     */
    private void askAboutSampledObjects() throws Exception {
        Set<Long> picked = new java.util.LinkedHashSet<>();
        picked.add(holderAddress);
        reader.classNamed("KnownGraph$Holder").getInstances().forEach(i -> picked.add(i.getInstanceId()));
        for (String scenarioClass : List.of("KnownGraph$Node", "KnownGraph$Payload", "KnownGraph$Twin")) {
            reader.heap.getJavaClassesByRegExp(java.util.regex.Pattern.quote(scenarioClass)).forEach(
                    c -> c.getInstances().stream().limit(2).forEach(i -> picked.add(i.getInstanceId())));
        }
        Instance list = (Instance) reader.classNamed("KnownGraph").getValueOfStaticField("PAYLOAD_LIST");
        picked.add(list.getInstanceId());
        picked.add(((Instance) list.getValueOfField("elementData")).getInstanceId());
        long n = 0;
        for (Instance i : reader.heap.getAllInstances()) {
            // Primitive types' mirrors are instances in hprof; their hidden fields are not hprof fields.
            if (n++ % 500 == 0 && !i.getJavaClass().getName().equals("java.lang.Class")) {
                picked.add(i.getInstanceId());
            }
        }
        sample = List.copyOf(picked);
        List<String> args = new ArrayList<>(List.of("open", core.core().toString(), "--json", "--index",
                core.dir().toString()));
        for (long a : sample) {
            args.addAll(List.of("-c", String.format("inspect 0x%x", a), "-c", String.format("refs --out 0x%x -n -1", a)));
        }
        Run r = Run.saShell(null, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(2 * sample.size(), docs.size(), r.stdout());
        inspected = new HashMap<>();
        outbound = new HashMap<>();
        for (int i = 0; i < sample.size(); i++) {
            inspected.put(sample.get(i), JSON.readTree(docs.get(2 * i)));
            outbound.put(sample.get(i), JSON.readTree(docs.get(2 * i + 1)));
        }
    }

    @AfterAll
    void deleteCore() throws Exception {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void fileIsAWholeSegmentedHprof() {
        assertEquals("JAVA PROFILE 1.0.2", file.header);
        assertTrue(file.segments >= 1);
        assertTrue(file.ended, "HEAP DUMP END");
        assertEquals(export.get("instances").asLong(), file.instances.size());
        assertEquals(export.get("arrays").asLong(), file.primArrays.size() + file.objArrays.size());
        assertEquals(export.get("classes").asLong(), file.classes.size());
        assertEquals(file.classNames.keySet(), file.classes.keySet(), "a LOAD CLASS per CLASS DUMP");
        assertEquals(0, export.get("skippedObjects").asLong());
    }

    @Test
    void fileIsPrivateAndAlone() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hprof)));
        try (Stream<Path> s = Files.list(core.dir())) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
        }
        assertEquals(Files.size(hprof), export.get("bytes").asLong());
    }

    /**
     * Read by gridkit's reader, the file's objects per class equal the walker's histogram. Classes are CLASS DUMPs
     * in hprof, not instances: their mirrors count as java.lang.Class in histo.
     */
    @Test
    void objectCountsPerClassEqualTheHistogram() {
        Map<String, Long> expected = ExportCoreIT.histoCounts(histo);
        assertEquals(expected, reader.histoCounts());
        Map<String, Long> ours = objectCounts(file);
        ours.merge("java.lang.Class", (long) file.classes.size(), Long::sum);
        assertEquals(expected, new java.util.TreeMap<>(ours), "our own reader agrees");
    }

    /** Every field of each sampled object, as gridkit's reader reads it, has the value {@code inspect} shows. */
    @Test
    void sampledObjectsHaveTheFieldValuesInspectShows() {
        for (long a : sample) {
            JsonNode doc = inspected.get(a);
            List<String> expected = new ArrayList<>();
            for (JsonNode f : doc.get("fields")) {
                expected.add(f.get("name").asText() + "=" + inspectValue(f));
            }
            expected.sort(null);
            String what = String.format("0x%x %s", a, doc.get("class").asText());
            if (doc.has("length")) {
                // inspect shows an array's first elements only
                Map<String, String> elements = reader.elements(a);
                assertEquals(doc.get("length").asInt(), elements.size(), what);
                List<String> shown = new ArrayList<>();
                for (JsonNode f : doc.get("fields")) {
                    shown.add(f.get("name").asText() + "=" + elements.get(f.get("name").asText()));
                }
                shown.sort(null);
                assertEquals(expected, shown, what);
            } else {
                assertEquals(expected, reader.fields(a), what);
            }
        }
        List<String> holder = reader.fields(holderAddress);
        assertTrue(holder.containsAll(List.of("id=42", "letter=Q", "ratio=2.5", "flag=true")), holder.toString());
    }

    /** inspect's value of a field in the reader's spelling: references as their address, chars unquoted. */
    private static String inspectValue(JsonNode field) {
        if (field.has("reference")) {
            return String.format("0x%x", Long.decode(field.get("reference").asText()));
        }
        String v = field.get("value").asText();
        return field.get("type").asText().equals("char") ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * The references each sampled object holds in the file (fields or slots, and its class) are the index's
     * outbound references ({@code refs --out}) of those kinds: hprof has no loader or VM-injected field edges, and
     * no class for a primitive array.
     */
    @Test
    void sampledObjectsHoldTheReferencesTheIndexHas() {
        assertTrue(sample.size() > 20, sample.size() + " sampled");
        for (long a : sample) {
            Map<Long, Long> expected = new HashMap<>();
            for (JsonNode ref : outbound.get(a).get("refs")) {
                String kind = ref.get("via").get("kind").asText();
                if (Set.of("field", "array_element", "referent").contains(kind)
                        || kind.equals("class") && !reader.isPrimitiveArray(a)) {
                    expected.merge(Long.decode(ref.get("address").asText()), 1L, Long::sum);
                }
            }
            assertEquals(expected, reader.outbound(a), String.format("0x%x %s", a,
                    outbound.get(a).get("object").get("class").asText()));
        }
    }

    /**
     * The leak of the scenario (KnownGraph.PAYLOAD_LIST, 500 payloads) is reachable from a GC root of the file,
     * through its class's static field: the reader's own path to a root goes list, class KnownGraph, root.
     */
    @Test
    void staticHoldingTheLeakIsReachableFromARoot() {
        JavaClass known = reader.classNamed("KnownGraph");
        Instance list = (Instance) known.getValueOfStaticField("PAYLOAD_LIST");
        assertEquals(500, ((Number) list.getValueOfField("size")).intValue());
        List<Instance> path = reader.pathToRoot(list.getInstanceId());
        assertTrue(path.size() >= 2, "no path from a root to the list");
        assertEquals(known.getJavaClassId(), path.get(1).getInstanceId(), "held by the class's static");
        assertTrue(path.get(path.size() - 1).isGCRoot());
    }

    /** Objects per class name of a {@code histo --json} answer (a class of two loaders is two rows: added up). */
    static Map<String, Long> histoCounts(JsonNode histo) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (JsonNode row : histo.get("rows")) {
            counts.merge(row.get("class").asText(), row.get("count").asLong(), Long::sum);
        }
        return counts;
    }

    /** Instances and arrays in a file by class name (jhisto's spelling); classes themselves not counted. */
    static Map<String, Long> objectCounts(HprofReader f) {
        Map<String, Long> counts = new HashMap<>();
        f.instances.values().forEach(i -> counts.merge(HprofReader.histoName(f.classNames.get(i.classId())), 1L,
                Long::sum));
        f.objArrays.values().forEach(a -> counts.merge(HprofReader.histoName(f.classNames.get(a.classId())), 1L,
                Long::sum));
        f.primArrays.values().forEach(a -> counts.merge(primitive(a.type()) + "[]", 1L, Long::sum));
        return counts;
    }

    @Test
    void knownObjectHasItsFieldValues() throws Exception {
        Map<String, Long> f = file.fields(holderAddress);
        assertEquals("KnownGraph$Holder", name(file.instances.get(holderAddress).classId()));
        assertEquals(42L, f.get("id"));
        assertEquals(1234567890123L, f.get("big"));
        assertEquals(2.5, Double.longBitsToDouble(f.get("ratio")));
        assertEquals(1L, f.get("flag"));
        assertEquals((long) 'Q', f.get("letter"));
        assertEquals("needle-in-the-core", string(f.get("label")));
        assertEquals(7777L, file.fields(f.get("boxed")).get("value"));
        HprofReader.PrimArray numbers = file.primArrays.get(f.get("numbers"));
        assertEquals(10, numbers.type());
        ByteBuffer b = ByteBuffer.wrap(numbers.data());
        List<Integer> values = new ArrayList<>();
        while (b.hasRemaining()) {
            values.add(b.getInt());
        }
        assertEquals(List.of(3, 1, 4, 1, 5), values);
        assertEquals(0L, file.fields(f.get("first")).get("index"));
    }

    @Test
    void staticsHoldTheScenarioObjects() throws Exception {
        HprofReader.ClassDump known = classNamed("KnownGraph");
        Map<String, Long> statics = known.statics().stream()
                .collect(Collectors.toMap(HprofReader.StaticValue::name, HprofReader.StaticValue::value));
        long head = statics.get("head");
        assertEquals("KnownGraph$Node", name(file.instances.get(head).classId()));
        assertEquals(0L, file.fields(head).get("index"));
        assertEquals(1L, file.fields(file.fields(head).get("next")).get("index"));
        assertEquals(holderAddress, statics.get("holder"));
        HprofReader.ClassDump node = classNamed("KnownGraph$Node");
        assertEquals(List.of("index", "next"), node.fields().stream().map(HprofReader.Field::name).toList());
        assertEquals(4 + 8, node.instanceSize());
        assertEquals(classNamed("java.lang.Object").id(), node.superId());
    }

    @Test
    void everyReferenceResolves() throws Exception {
        List<String> dangling = dangling(file);
        assertEquals(List.of(), dangling.stream().limit(20).toList(), dangling.size() + " dangling");
    }

    /** References (array elements, instance fields, roots) to no object, class or array of the file. */
    static List<String> dangling(HprofReader file) {
        Set<Long> ids = new java.util.HashSet<>();
        ids.addAll(file.instances.keySet());
        ids.addAll(file.primArrays.keySet());
        ids.addAll(file.objArrays.keySet());
        ids.addAll(file.classes.keySet());
        List<String> dangling = new ArrayList<>();
        for (HprofReader.ObjArray a : file.objArrays.values()) {
            for (long e : a.elements()) {
                if (e != 0 && !ids.contains(e)) {
                    dangling.add(String.format("%s[] 0x%x -> 0x%x", file.classNames.get(a.classId()), a.id(), e));
                }
            }
        }
        for (HprofReader.Instance i : file.instances.values()) {
            long c = i.classId();
            ByteBuffer v = ByteBuffer.wrap(i.values());
            for (; c != 0; c = file.classes.get(c).superId()) {
                for (HprofReader.Field f : file.classes.get(c).fields()) {
                    long value = f.type() == 2 ? v.getLong() : skip(v, f.type());
                    if (f.type() == 2 && value != 0 && !ids.contains(value)) {
                        dangling.add(String.format("%s.%s of 0x%x -> 0x%x", file.classNames.get(i.classId()),
                                f.name(), i.id(), value));
                    }
                }
            }
        }
        for (HprofReader.ClassDump c : file.classes.values()) {
            for (HprofReader.StaticValue sv : c.statics()) {
                if (sv.type() == 2 && sv.value() != 0 && !ids.contains(sv.value())) {
                    dangling.add(String.format("static %s.%s -> 0x%x", file.classNames.get(c.id()), sv.name(),
                            sv.value()));
                }
            }
        }
        for (HprofReader.Root r : file.roots) {
            if (!ids.contains(r.object())) {
                dangling.add(String.format("root 0x%x", r.object()));
            }
        }
        return dangling;
    }

    @Test
    void rootsNameThreadsAndSystemClasses() {
        Set<Long> threadObjects = file.roots.stream().filter(r -> r.tag() == 0x08).map(HprofReader.Root::object)
                .collect(Collectors.toSet());
        Set<String> threadNames = new java.util.HashSet<>();
        for (long t : threadObjects) {
            threadNames.add(threadName(t));
        }
        assertTrue(threadNames.containsAll(Set.of("main", "worker-blocked", "sleepy-daemon")), threadNames.toString());
        Set<Long> sticky = file.roots.stream().filter(r -> r.tag() == 0x05).map(HprofReader.Root::object)
                .collect(Collectors.toSet());
        assertTrue(sticky.contains(classNamed("java.lang.String").id()));
        assertTrue(!sticky.contains(classNamed("KnownGraph").id()), "an application class is no system class");
    }

    @Test
    void threadsHaveTheirStackTraces() {
        HprofReader.Root main = file.roots.stream().filter(r -> r.tag() == 0x08 && threadName(r.object()).equals("main"))
                .findFirst().orElseThrow();
        HprofReader.Trace trace = file.traces.stream().filter(t -> t.threadSerial() == main.threadSerial())
                .findFirst().orElseThrow();
        List<String> methods = trace.frames().stream().map(id -> file.frames.get(id).method()).toList();
        assertEquals(List.of("sleepForever", "idle", "main"), methods.subList(methods.size() - 3, methods.size()));
        HprofReader.Frame top = file.frames.get(trace.frames().get(trace.frames().size() - 1));
        assertEquals("KnownGraph", HprofReader.histoName(file.classNames.get(file.classBySerial.get(top.classSerial()))));
        assertEquals("([Ljava/lang/String;)V", top.signature());
    }

    /** {@code sa-shell export CORE -o FILE} writes the same bytes as the shell's command (the timestamp aside). */
    @Test
    void commandLineExportWritesTheSameFile() throws Exception {
        Path again = core.dir().resolve("again.hprof");
        Run r = Run.saShell(null, "export", core.core().toString(), "-o", again.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("wrote " + again + ": "), r.stdout());
        byte[] a = Files.readAllBytes(hprof);
        byte[] b = Files.readAllBytes(again);
        int timestampEnd = "JAVA PROFILE 1.0.2".length() + 1 + 4 + 8;
        assertEquals(a.length, b.length);
        assertTrue(java.util.Arrays.equals(a, timestampEnd, a.length, b, timestampEnd, b.length), "same records");
        Files.delete(again);
        Run bad = Run.saShell(null, "export", core.core().toString(), "-o", again.toString(), "--redact=most");
        assertEquals(2, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().startsWith("--redact: unknown level 'most' (basic or full)"), bad.stderr());
        assertTrue(!Files.exists(again));
    }

    // ---- helpers ----

    String name(long classId) {
        return HprofReader.histoName(file.classNames.get(classId));
    }

    HprofReader.ClassDump classNamed(String name) {
        List<HprofReader.ClassDump> found = file.classes.values().stream().filter(c -> name(c.id()).equals(name))
                .toList();
        assertEquals(1, found.size(), name);
        return found.get(0);
    }

    String string(long id) throws Exception {
        Map<String, Long> s = file.fields(id);
        HprofReader.PrimArray value = file.primArrays.get(s.get("value"));
        long coder = s.getOrDefault("coder", 0L);
        return coder == 0 ? new String(value.data(), StandardCharsets.ISO_8859_1)
                : new String(value.data(), StandardCharsets.UTF_16BE);
    }

    String threadName(long thread) {
        try {
            return string(file.fields(thread).get("name"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long skip(ByteBuffer v, int type) {
        v.position(v.position() + HprofReader.size(type));
        return 0;
    }

    static String primitive(int type) {
        return switch (type) {
            case 4 -> "boolean";
            case 5 -> "char";
            case 6 -> "float";
            case 7 -> "double";
            case 8 -> "byte";
            case 9 -> "short";
            case 10 -> "int";
            case 11 -> "long";
            default -> throw new IllegalArgumentException("type " + type);
        };
    }
}
