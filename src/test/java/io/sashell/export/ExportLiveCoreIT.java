package io.sashell.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code export --live} and the roots of every export on a real core of {@code testdata/index/IndexScenario.java}
 * (two {@code Garbage} objects nothing reachable holds, a {@code WeaklyHeld} only a WeakReference holds, a
 * {@code LocalOnly} only a frame holds), against the graph index's answers in the same session: the live file's
 * objects per class are exactly {@code histo --live}'s live counts, the garbage and the weakly held object are
 * in the whole file only, the weak reference's referent is null in the live file, and both files name as GC roots
 * exactly the objects the index's {@code roots} lists (conservative stack words included).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExportLiveCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    ScenarioCore core;
    HprofReader live;
    HprofReader all;
    JsonNode histoLive;
    JsonNode roots;
    JsonNode liveExport;
    Path liveFile;
    long[] garbage;
    long weaklyHeld;
    long localOnly;

    abstract Path jdk();

    abstract String[] jvmArgs();

    /** The environment of sa-shell's runs. */
    Map<String, String> env() {
        return Map.of();
    }

    @BeforeAll
    void export() throws Exception {
        core = ScenarioCore.abortWhenReady(jdk(), "index/IndexScenario.java", jvmArgs());
        liveFile = core.dir().resolve("live.hprof");
        Path allFile = core.dir().resolve("all.hprof");
        Run r = Run.of(List.of(io.sashell.testkit.Repo.launcher().toString(), "open", core.core().toString(),
                "--json", "--index", core.dir().toString(),
                "-c", "histo --live -n -1", "-c", "roots -n -1", "-c", "instances IndexScenario$Garbage",
                "-c", "instances IndexScenario$WeaklyHeld", "-c", "instances IndexScenario$LocalOnly",
                "-c", "export -o '" + liveFile + "' --live", "-c", "export -o '" + allFile + "'"), null, env(), null);
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(7, docs.size(), r.stdout());
        histoLive = JSON.readTree(docs.get(0));
        roots = JSON.readTree(docs.get(1));
        garbage = addresses(JSON.readTree(docs.get(2)));
        weaklyHeld = addresses(JSON.readTree(docs.get(3)))[0];
        localOnly = addresses(JSON.readTree(docs.get(4)))[0];
        liveExport = JSON.readTree(docs.get(5));
        live = HprofReader.read(liveFile);
        all = HprofReader.read(allFile);
    }

    @AfterAll
    void deleteCore() throws Exception {
        if (core != null) {
            core.close();
        }
    }

    private static long[] addresses(JsonNode instances) {
        return java.util.stream.StreamSupport.stream(instances.get("instances").spliterator(), false)
                .mapToLong(n -> Long.decode(n.get("address").asText())).toArray();
    }

    /**
     * Per class, the live file's instances and arrays equal {@code histo --live}'s live count; classes are CLASS
     * DUMPs (all of them, like the whole file), so {@code java.lang.Class} counts its live mirrors.
     */
    @Test
    void objectCountsPerClassEqualTheLiveHistogram() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (JsonNode row : histoLive.get("rows")) {
            if (row.get("liveCount").asLong() > 0) {
                expected.merge(row.get("class").asText(), row.get("liveCount").asLong(), Long::sum);
            }
        }
        Map<String, Long> actual = ExportCoreIT.objectCounts(live);
        long mirrors = expected.remove("java.lang.Class");
        long classInstances = actual.getOrDefault("java.lang.Class", 0L);
        actual.remove("java.lang.Class");
        assertEquals(expected, actual);
        Map<String, Long> independent = IndependentHprof.open(liveFile).objectCounts();
        independent.remove("java.lang.Class");
        assertEquals(new java.util.TreeMap<>(expected), independent, "the independent reader agrees");
        assertTrue(mirrors >= classInstances && mirrors - classInstances <= live.classes.size(),
                mirrors + " live mirrors, " + classInstances + " Class instances, " + live.classes.size() + " classes");
        assertEquals(all.classes.keySet(), live.classes.keySet());
    }

    /**
     * {@code sa-shell export CORE --live} takes the index options of {@code open}: with {@code --index DIR} (the
     * session's index, read back) and with {@code --no-index} (built for the run, nothing kept) it writes the
     * records of the shell's live file; both at once is a usage error that writes nothing.
     */
    @Test
    void commandLineLiveExportTakesTheIndexOptions() throws Exception {
        byte[] expected = Files.readAllBytes(liveFile);
        Path cache = Files.createDirectory(core.dir().resolve("cache"));
        for (List<String> options : List.of(List.of("--index", core.dir().toString()), List.of("--no-index"))) {
            Path again = core.dir().resolve("again.hprof");
            List<String> args = new java.util.ArrayList<>(List.of("export", core.core().toString(), "-o",
                    again.toString(), "--live"));
            args.addAll(options);
            List<String> cmd = new java.util.ArrayList<>(List.of(io.sashell.testkit.Repo.launcher().toString()));
            cmd.addAll(args);
            Map<String, String> env = new HashMap<>(env());
            env.put("XDG_CACHE_HOME", cache.toString());
            Run r = Run.of(cmd, null, env, null);
            assertEquals(0, r.exitCode(), options + ": " + r.stderr());
            byte[] actual = Files.readAllBytes(again);
            int timestampEnd = "JAVA PROFILE 1.0.2".length() + 1 + 4 + 8;
            assertEquals(expected.length, actual.length, options.toString());
            assertTrue(java.util.Arrays.equals(expected, timestampEnd, expected.length, actual, timestampEnd,
                    actual.length), options + ": same records");
            Files.delete(again);
        }
        try (java.util.stream.Stream<Path> s = Files.walk(cache)) {
            // Only indexes count: the launcher keeps its class data sharing archive and plans there too.
            Path index = cache.resolve("sa-shell/index");
            assertEquals(List.of(), s.filter(Files::isRegularFile).filter(f -> f.startsWith(index)).toList(),
                    "no index kept in the cache");
        }
        Path none = core.dir().resolve("none.hprof");
        Run both = Run.saShell(null, "export", core.core().toString(), "-o", none.toString(), "--live", "--index",
                cache.toString(), "--no-index");
        assertEquals(2, both.exitCode(), both.stderr());
        assertTrue(both.stderr().startsWith("--index and --no-index exclude each other"), both.stderr());
        assertFalse(Files.exists(none));
    }

    @Test
    void garbageAndWeaklyHeldObjectsAreInTheWholeFileOnly() throws Exception {
        assertEquals(2, garbage.length);
        for (long g : garbage) {
            assertTrue(all.instances.containsKey(g), String.format("0x%x", g));
            assertFalse(live.instances.containsKey(g), String.format("0x%x", g));
        }
        assertTrue(all.instances.containsKey(weaklyHeld));
        assertFalse(live.instances.containsKey(weaklyHeld));
        assertTrue(live.instances.containsKey(localOnly));
        long weak = staticOf(live, "WEAK");
        assertEquals(weak, staticOf(all, "WEAK"));
        assertEquals(weaklyHeld, all.fields(weak).get("referent"));
        assertEquals(0L, live.fields(weak).get("referent"));
        long notes = liveExport.get("notes").size();
        assertTrue(notes >= 1, liveExport.toString());
    }

    @Test
    void liveFileHasNoDanglingReference() {
        List<String> dangling = ExportCoreIT.dangling(live);
        assertEquals(List.of(), dangling.stream().limit(20).toList(), dangling.size() + " dangling");
    }

    /** MAT's paths start where ours do: the root objects of both files are the index's. */
    @Test
    void rootsAreTheIndexsRoots() {
        Set<Long> expected = new HashSet<>();
        Map<String, Long> kinds = new HashMap<>();
        for (JsonNode row : roots.get("roots")) {
            expected.add(Long.decode(row.get("object").get("address").asText()));
            kinds.merge(row.get("kind").asText(), 1L, Long::sum);
        }
        assertEquals(roots.get("matched").asLong(), roots.get("roots").size(), "every root listed");
        assertEquals(expected, rootObjects(live), kinds.toString());
        assertEquals(expected, rootObjects(all), kinds.toString());
        assertTrue(rootObjects(all).contains(localOnly));
    }

    /** The objects the index holds by conservative stack words; in the files, thread-block roots name them. */
    Set<Long> conservativeRoots() {
        Set<Long> s = new HashSet<>();
        for (JsonNode row : roots.get("roots")) {
            if (row.get("kind").asText().equals("Conservative Stack")) {
                s.add(Long.decode(row.get("object").get("address").asText()));
            }
        }
        Set<Long> threadBlocks = new HashSet<>();
        all.roots.stream().filter(r -> r.tag() == 0x06).forEach(r -> threadBlocks.add(r.object()));
        assertEquals(s, threadBlocks);
        return s;
    }

    /**
     * For sampled objects (the scenario's instances, small Object arrays, Strings), the references the whole
     * file holds (instance fields, array slots) are the index's outbound references ({@code refs --out}) of
     * the kinds hprof has.
     */
    @Test
    void outboundReferencesEqualTheIndexs() throws Exception {
        List<Long> sample = new java.util.ArrayList<>();
        all.instances.values().stream().filter(i -> name(all, i.classId()).startsWith("IndexScenario$"))
                .forEach(i -> sample.add(i.id()));
        all.objArrays.values().stream().filter(a -> a.elements().length <= 64).limit(10)
                .forEach(a -> sample.add(a.id()));
        all.instances.values().stream().filter(i -> name(all, i.classId()).equals("java.lang.String")).limit(10)
                .forEach(i -> sample.add(i.id()));
        List<String> args = new java.util.ArrayList<>(List.of("open", core.core().toString(), "--json", "--index",
                core.dir().toString()));
        for (long a : sample) {
            args.add("-c");
            args.add(String.format("refs --out 0x%x -n -1", a));
        }
        Run r = Run.saShell(null, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(sample.size(), docs.size());
        for (int i = 0; i < sample.size(); i++) {
            Map<Long, Long> expected = new HashMap<>();
            for (JsonNode ref : JSON.readTree(docs.get(i)).get("refs")) {
                String kind = ref.get("via").get("kind").asText();
                if (Set.of("field", "array_element", "referent").contains(kind)) {
                    expected.merge(Long.decode(ref.get("address").asText()), 1L, Long::sum);
                }
            }
            assertEquals(expected, references(all, sample.get(i)), String.format("0x%x", sample.get(i)));
        }
    }

    /** The non-null references an instance's fields or an object array's slots hold, with their counts. */
    private static Map<Long, Long> references(HprofReader f, long id) throws Exception {
        Map<Long, Long> out = new HashMap<>();
        HprofReader.ObjArray a = f.objArrays.get(id);
        if (a != null) {
            for (long e : a.elements()) {
                if (e != 0) {
                    out.merge(e, 1L, Long::sum);
                }
            }
            return out;
        }
        long c = f.instances.get(id).classId();
        java.nio.ByteBuffer v = java.nio.ByteBuffer.wrap(f.instances.get(id).values());
        for (; c != 0; c = f.classes.get(c).superId()) {
            for (HprofReader.Field field : f.classes.get(c).fields()) {
                long value = field.type() == 2 ? v.getLong() : 0;
                if (field.type() != 2) {
                    v.position(v.position() + HprofReader.size(field.type()));
                } else if (value != 0) {
                    out.merge(value, 1L, Long::sum);
                }
            }
        }
        return out;
    }

    private static String name(HprofReader f, long classId) {
        return HprofReader.histoName(f.classNames.get(classId));
    }

    private static Set<Long> rootObjects(HprofReader f) {
        Set<Long> s = new HashSet<>();
        f.roots.forEach(r -> s.add(r.object()));
        return s;
    }

    private static long staticOf(HprofReader f, String field) {
        return f.classes.values().stream()
                .filter(c -> HprofReader.histoName(f.classNames.get(c.id())).equals("IndexScenario"))
                .flatMap(c -> c.statics().stream()).filter(s -> s.name().equals(field))
                .findFirst().orElseThrow().value();
    }
}
