package io.sashell.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The index of a real core of {@code testdata/index/IndexScenario.java}, once per JDK and heap configuration
 * (the subclasses): exact inbound sets with their fields and slots, exact path tails, root kinds,
 * "unreachable" for garbage and for what only a weak reference holds, and every edge against SA's own
 * outbound iteration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IndexGraphCoreIT {
    static final String S = "IndexScenario$";
    IndexCoreRun run;

    abstract Path jdk();

    abstract String[] jvmArgs();

    @BeforeAll
    void index() throws Exception {
        run = IndexCoreRun.of(jdk(), "IndexScenario.java", "IndexScenario", jvmArgs());
        // Where the build's time went, for whoever reads the test log.
        run.facts.forEach((k, v) -> {
            if (k.startsWith("phase-") || k.endsWith("-ms") || k.startsWith("rpa-") || k.endsWith("-edges")) {
                System.out.println(getClass().getSimpleName() + " " + k + " " + v);
            }
        });
        assertEquals("true", run.scenario.get("weak-alive"), "a collection cleared the weak reference");
    }

    /** The single object of a scenario class. */
    String one(String simpleName) {
        List<String> objects = run.objects(S + simpleName);
        assertEquals(1, objects.size(), () -> simpleName + ": " + objects);
        return objects.get(0);
    }

    /** Inbound references as "class via,via" strings. */
    static Set<String> inbound(JsonNode refs) {
        Set<String> out = new TreeSet<>();
        for (JsonNode r : refs.get("refs")) {
            List<String> via = new ArrayList<>();
            r.get("via").forEach(v -> via.add(v.get("text").asText()));
            out.add(r.get("class").asText() + " " + String.join(",", via));
        }
        return out;
    }

    /** The hops of a path as their "via" texts. */
    static List<String> hops(JsonNode path) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : path.get("hops")) {
            out.add(h.get("via").get("text").asText());
        }
        return out;
    }

    static <T> List<T> tail(List<T> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }

    @Test
    void theIndexIsBuiltOnceAndReadBack() {
        assertEquals("true", run.text("built"));
        assertEquals("false", run.text("reopened-built"));
        assertTrue(run.fact("objects") > 10_000, run.facts::toString);
        assertTrue(run.fact("weak-edges") > 0);
    }

    @Test
    void everyEdgeEqualsSasOwnIteration() {
        assertEquals("true", run.text("inbound-equals-outbound"));
        assertEquals(run.fact("objects"), run.fact("sa-objects"), "the index and SA see the same objects");
        assertEquals(0, run.fact("sa-unknown-objects"));
        assertTrue(run.fact("compared-edges") > 10_000, run.facts::toString);
        assertEquals(0, run.fact("missing-edges"), () -> String.join("\n", run.edgeExamples));
        assertEquals(0, run.fact("extra-edges"), () -> String.join("\n", run.edgeExamples));
        assertTrue(run.fact("hidden-edges") > 0, "loaders hold their classes: " + run.facts);
        // The app's classes have protection domains, held by their mirrors' injected field.
        assertTrue(run.fact("vm-field-edges") > 0, run.facts::toString);
    }

    @Test
    void anObjectHeldByExactlyThreeFields() {
        JsonNode refs = run.answer("refs " + one("Target3"));
        assertEquals(Set.of(S + "Holder IndexScenario$Holder.first,IndexScenario$Holder.second",
                S + "Pair IndexScenario$Pair.ref"), inbound(refs));
        assertEquals(2, refs.get("count").asLong());
        assertEquals(0, refs.get("weakCount").asLong());
        assertEquals(0, refs.get("roots").size());
    }

    @Test
    void anArraySlotAtAKnownIndex() {
        String obj = one("InArray");
        assertEquals(Set.of("java.lang.Object[] java.lang.Object[][17]"), inbound(run.answer("refs " + obj)));
        JsonNode path = run.answer("path " + obj).get("paths").get(0);
        assertEquals(List.of("static IndexScenario.SLOTS", "java.lang.Object[][17]"), tail(hops(path), 2));
    }

    @Test
    void aFarSlotOfALargeArray() {
        String obj = one("FarSlot");
        assertEquals(Set.of("java.lang.Object[] java.lang.Object[][77777]"), inbound(run.answer("refs " + obj)));
        JsonNode path = run.answer("path " + obj).get("paths").get(0);
        assertEquals(List.of("static IndexScenario.BIG", "java.lang.Object[][77777]"), tail(hops(path), 2));
    }

    @Test
    void aStaticCollectionHoldsItsElement() {
        String obj = one("Listed");
        assertEquals(Set.of("java.lang.Object[] java.lang.Object[][5]"), inbound(run.answer("refs " + obj)));
        JsonNode path = run.answer("path " + obj).get("paths").get(0);
        assertEquals(List.of("static IndexScenario.REGISTRY", "java.util.ArrayList.elementData",
                "java.lang.Object[][5]"), tail(hops(path), 3));
        assertEquals("java.lang.Class for IndexScenario", path.get("hops").get(hops(path).size() - 3)
                .get("from").get("class").asText());
        assertTrue(path.get("root").get("roots").size() > 0, path.toString());
    }

    @Test
    void aCycleHeldByAStatic() {
        List<String> cycle = run.objects(S + "Cyclic");
        assertEquals(3, cycle.size());
        int fromStatic = 0;
        for (String c : cycle) {
            Set<String> in = inbound(run.answer("refs " + c));
            assertTrue(in.contains(S + "Cyclic IndexScenario$Cyclic.next"), in::toString);
            if (in.contains("java.lang.Class for IndexScenario static IndexScenario.CYCLE")) {
                fromStatic++;
                assertEquals(2, in.size(), in::toString);
            } else {
                assertEquals(1, in.size(), in::toString);
            }
            JsonNode path = run.answer("path " + c);
            assertTrue(path.get("reachable").asBoolean());
            assertTrue(hops(path.get("paths").get(0)).contains("static IndexScenario.CYCLE"));
        }
        assertEquals(1, fromStatic);
    }

    @Test
    void aWeaklyHeldObjectIsUnreachableUnlessWeakReferencesCount() {
        String obj = one("WeaklyHeld");
        JsonNode refs = run.answer("refs " + obj);
        assertEquals(0, refs.get("count").asLong());
        assertEquals(1, refs.get("weakCount").asLong());
        assertEquals(Set.of("java.lang.ref.WeakReference java.lang.ref.Reference.referent (weak)"), inbound(refs));
        JsonNode strong = run.answer("path " + obj);
        assertFalse(strong.get("reachable").asBoolean());
        assertEquals("unreachable through strong references: only weak references lead to it (path --weak shows"
                + " one)", strong.get("unreachable").asText());
        JsonNode weak = run.answer("path --weak " + obj).get("paths").get(0);
        assertEquals(List.of("static IndexScenario.WEAK", "java.lang.ref.Reference.referent (weak)"),
                tail(hops(weak), 2));
    }

    @Test
    void garbageIsUnreachable() {
        List<String> garbage = run.objects(S + "Garbage");
        assertEquals(2, garbage.size());
        for (String g : garbage) {
            JsonNode path = run.answer("path " + g);
            assertFalse(path.get("reachable").asBoolean());
            assertEquals("unreachable: no GC root reaches it; garbage the collector had not freed when the process"
                    + " died", path.get("unreachable").asText());
            assertFalse(run.answer("path --weak " + g).get("reachable").asBoolean());
        }
        Set<String> referrers = new TreeSet<>();
        for (String g : garbage) {
            referrers.addAll(inbound(run.answer("refs " + g)));
        }
        assertEquals(Set.of(S + "Garbage IndexScenario$Garbage.next"), referrers);
    }

    @Test
    void liveHistogramLeavesOutGarbageAndWeaklyHeld() {
        JsonNode histo = run.answer("histo --live IndexScenario");
        int checked = 0;
        for (JsonNode row : histo.get("rows")) {
            String name = row.get("class").asText();
            long live = row.get("liveCount").asLong();
            long all = row.get("count").asLong();
            switch (name) {
                case S + "Garbage" -> {
                    assertEquals(2, all);
                    assertEquals(0, live);
                    checked++;
                }
                case S + "WeaklyHeld" -> {
                    assertEquals(1, all);
                    assertEquals(0, live);
                    checked++;
                }
                case S + "Cyclic" -> {
                    assertEquals(3, live);
                    checked++;
                }
                case S + "Target3", S + "InArray", S + "Listed" -> {
                    assertEquals(1, live);
                    checked++;
                }
                default -> {
                }
            }
        }
        assertEquals(6, checked, histo::toString);
    }

    @Test
    void anObjectHeldOnlyByALocalOfASleepingThread() {
        assertEquals("sa", run.text("roots-source"), "SaRoots is on the class path");
        String obj = one("LocalOnly");
        JsonNode refs = run.answer("refs " + obj);
        assertEquals(0, refs.get("count").asLong(), refs::toString);
        List<String> roots = new ArrayList<>();
        refs.get("roots").forEach(r -> roots.add(r.get("kind").asText() + " " + r.get("thread").asText()));
        assertTrue(roots.contains("Java Local holder-thread"), roots::toString);
        JsonNode path = run.answer("path " + obj).get("paths").get(0);
        assertEquals(0, path.get("hops").size());
        assertEquals("0x" + obj.substring(obj.indexOf('@') + 1), path.get("root").get("address").asText());
    }

    @Test
    void rootsHaveKinds() {
        JsonNode roots = run.answer("roots");
        Set<String> kinds = new TreeSet<>();
        roots.get("counts").forEach(c -> kinds.add(c.get("kind").asText()));
        assertTrue(kinds.containsAll(Set.of("Thread", "System Class", "Class Loader", "Java Local", "VM Internal")),
                kinds::toString);
        for (JsonNode c : roots.get("counts")) {
            if (c.get("kind").asText().equals("Thread")) {
                assertTrue(c.get("threads").asLong() >= 3, c::toString);
            }
        }
    }
}
