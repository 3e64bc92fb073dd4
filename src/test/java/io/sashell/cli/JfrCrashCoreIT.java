package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.core.CoreMaker;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The jfr commands on a real core of {@code testdata/jfr/FillHeap.java}, run with a recording until it crashed
 * on OutOfMemoryError (one JDK per subclass). The oracles: the JDK's {@link RecordingFile} on the same file, the
 * {@code jfr summary} tool of the JDK that wrote it, and the scenario's known leak.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JfrCrashCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEAP = 64L * 1024 * 1024;
    private Path work;
    private Path core;
    private long pid;
    private Path recording;
    private List<RecordedEvent> events;
    private final Map<String, JsonNode> docs = new HashMap<>();

    abstract Path jdk();

    /** {@code jdk.DumpReason}'s reason on this JDK. */
    abstract String dumpReason();

    @BeforeAll
    void crash() throws Exception {
        work = Files.createTempDirectory("sa-shell-jfr-it-");
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        CoreMaker.Spec spec = new CoreMaker.Spec(jdk(), Repo.root().resolve("testdata/jfr/FillHeap.java"), "FillHeap",
                List.of("-Xmx64m", "-XX:+UseG1GC", "-XX:StartFlightRecording", "-Djava.io.tmpdir=" + tmp),
                List.of(), CoreMaker.Trigger.CRASH_ON_OOM, work, Duration.ofMinutes(2));
        CoreMaker.Result result = CoreMaker.make(spec);
        // Only a crash writes hs_err_pid<PID>.jfr; a core taken with gcore has the live repository only.
        assumeFalse(result.viaGcore(), "the kernel leaves no core here: no crash, no emergency recording");
        core = result.core();
        pid = result.pid();
        recording = work.resolve("hs_err_pid" + pid + ".jfr");
        assertTrue(Files.isRegularFile(recording), "no emergency recording in " + work);
        events = RecordingFile.readAllEvents(recording);
        List<String> commands = List.of("info", "jfr find", "jfr summary", "jfr heap -n -1", "jfr gc -n 1000",
                "jfr alloc -n 3", "jfr leaks -n -1", "jfr rules", "histo FillHeap$Session");
        List<String> args = new ArrayList<>(List.of("open", core.toString(), "--json"));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        Run r = Run.saShell(null, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr());
        String[] lines = r.stdout().strip().split("\n");
        assertEquals(commands.size(), lines.length, r.stdout());
        for (int i = 0; i < lines.length; i++) {
            docs.put(commands.get(i), JSON.readTree(lines[i]));
        }
    }

    @AfterAll
    void deleteCore() throws IOException {
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    private List<RecordedEvent> events(String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    private static Map<String, Long> counts(JsonNode summary) {
        Map<String, Long> m = new TreeMap<>();
        summary.get("events").forEach(e -> m.put(e.get("type").asText(), e.get("count").asLong()));
        return m;
    }

    private Map<String, Long> jdkCounts() {
        Map<String, Long> m = new TreeMap<>();
        events.forEach(e -> m.merge(e.getEventType().getName(), 1L, Long::sum));
        return m;
    }

    @Test
    void theRecordingIsFoundFromTheCore() {
        assertEquals(recording + " (named in hs_err_pid" + pid + ".log)", docs.get("info").get("jfrRecording").asText());
        JsonNode found = docs.get("jfr find").get("found");
        assertEquals(recording.toString(), found.get(0).get("files").get(0).asText());
        assertTrue(found.get(1).get("how").asText().startsWith("the JFR repository " + work.resolve("tmp")),
                found.toString());
    }

    @Test
    void summaryCountsEqualTheJdks() throws Exception {
        JsonNode s = docs.get("jfr summary");
        assertEquals(jdkCounts(), counts(s));
        assertEquals(pid, s.get("jvm").get("pid").asLong());
        assertEquals(dumpReason(), s.get("dumpReason").asText());
        assertEquals(MAX_HEAP, s.get("maxHeapBytes").asLong());
        assertEquals(0, s.get("damage").size());
        // The JDK's own jfr tool: the same count and bytes for every type it lists with events.
        Run jfr = Run.of(List.of(jdk().resolve("bin/jfr").toString(), "summary", recording.toString()), null,
                Map.of(), null);
        assertEquals(0, jfr.exitCode(), jfr.stderr());
        Map<String, String> tool = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^ (\\S+)\\s+(\\d+)\\s+(\\d+)\\s*$").matcher(jfr.stdout());
        while (m.find()) {
            if (!m.group(2).equals("0")) {
                tool.put(m.group(1), m.group(2) + " " + m.group(3));
            }
        }
        Map<String, String> ours = new TreeMap<>();
        s.get("events").forEach(e -> ours.put(e.get("type").asText(), e.get("count").asLong() + " "
                + e.get("bytes").asLong()));
        ours.put("jdk.Metadata", s.get("metadata").get("count").asLong() + " " + s.get("metadata").get("bytes").asLong());
        String checkpoint = tool.containsKey("jdk.CheckPoint") ? "jdk.CheckPoint" : "jdk.Checkpoint";
        ours.put(checkpoint, s.get("checkpoints").get("count").asLong() + " "
                + s.get("checkpoints").get("bytes").asLong());
        assertEquals(tool, ours);
        assertTrue(tool.get("jdk.GCHeapSummary").startsWith(counts(s).get("jdk.GCHeapSummary") + " "));
    }

    @Test
    void theHeapTrendFollowsTheHeapSummaries() {
        JsonNode heap = docs.get("jfr heap -n -1");
        List<RecordedEvent> summaries = new ArrayList<>(events("jdk.GCHeapSummary"));
        List<String> expected = new ArrayList<>();
        summaries.forEach(e -> expected.add(e.getLong("gcId") + " " + e.getString("when") + " " + e.getLong("heapUsed")));
        List<String> actual = new ArrayList<>();
        heap.get("points").forEach(p -> actual.add(p.get("gcId").asLong() + " " + (p.get("afterGc").asBoolean()
                ? "After GC" : "Before GC") + " " + p.get("usedBytes").asLong()));
        expected.sort(Comparator.naturalOrder());
        actual.sort(Comparator.naturalOrder());
        assertEquals(expected, actual);

        List<RecordedEvent> after = summaries.stream().filter(e -> e.getString("when").equals("After GC"))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList();
        JsonNode floor = heap.get("floor");
        assertEquals("GROWING", floor.get("verdict").asText());
        assertEquals(after.size(), floor.get("points").asInt());
        assertEquals(after.get(0).getLong("heapUsed"), floor.get("firstBytes").asLong());
        assertEquals(after.get(after.size() - 1).getLong("heapUsed"), floor.get("lastBytes").asLong());
        // least squares through the after-GC heap over time, from the JDK's reading
        double t0 = after.get(0).getStartTime().getEpochSecond() + after.get(0).getStartTime().getNano() / 1e9;
        double sx = 0;
        double sy = 0;
        for (RecordedEvent e : after) {
            sx += e.getStartTime().getEpochSecond() + e.getStartTime().getNano() / 1e9 - t0;
            sy += e.getLong("heapUsed");
        }
        double mx = sx / after.size();
        double my = sy / after.size();
        double sxx = 0;
        double sxy = 0;
        for (RecordedEvent e : after) {
            double dx = e.getStartTime().getEpochSecond() + e.getStartTime().getNano() / 1e9 - t0 - mx;
            sxx += dx * dx;
            sxy += dx * (e.getLong("heapUsed") - my);
        }
        assertEquals(sxy / sxx * 60, floor.get("bytesPerMinute").asDouble(), Math.abs(sxy / sxx * 60) * 1e-6);
        assertEquals(MAX_HEAP, heap.get("maxHeapBytes").asLong());
        assertTrue(floor.get("lastShareOfMax").asDouble() > 0.85, floor.toString());
        assertTrue(floor.get("nanosToMax").asLong() >= 0, floor.toString());
    }

    @Test
    void gcPausesAddUpToTheEvents() {
        JsonNode gc = docs.get("jfr gc -n 1000");
        List<RecordedEvent> gcs = events("jdk.GarbageCollection");
        assertEquals(gcs.size(), gc.get("count").asLong());
        assertEquals(gcs.size(), gc.get("last").size());
        long total = gcs.stream().mapToLong(e -> e.getDuration("sumOfPauses").toNanos()).sum();
        long longest = gcs.stream().mapToLong(e -> e.getDuration("longestPause").toNanos()).max().orElseThrow();
        assertEquals(total, gc.get("totalPauseNanos").asLong(), gcs.size());
        assertEquals(longest, gc.get("longestPauseNanos").asLong(), 1);
        long causes = 0;
        for (JsonNode c : gc.get("causes")) {
            causes += c.get("count").asLong();
        }
        assertEquals(gcs.size(), causes);
    }

    @Test
    void allocNamesTheClassThatFilledTheHeap() {
        JsonNode alloc = docs.get("jfr alloc -n 3");
        List<RecordedEvent> samples = events("jdk.ObjectAllocationSample");
        assertEquals(samples.size(), alloc.get("events").asLong());
        Map<String, Long> weights = new HashMap<>();
        samples.forEach(e -> weights.merge(e.getClass("objectClass").getName(), e.getLong("weight"), Long::sum));
        JsonNode top = alloc.get("top").get(0);
        assertEquals("FillHeap$Session", top.get("className").asText());
        assertEquals(weights.get("FillHeap$Session"), top.get("bytes").asLong());
        assertTrue(top.get("share").asDouble() > 0.5, top.toString());
        assertTrue(top.get("sites").get(0).get("frames").get(0).asText().startsWith("FillHeap.handle(long):"),
                top.toString());
        // correlated with the core: the live count is the histogram's
        long live = docs.get("histo FillHeap$Session").get("totalCount").asLong();
        assertEquals(live, top.get("liveInstances").asLong());
        assertTrue(live > 100_000, "live sessions: " + live);
    }

    @Test
    void leaksShowTheSamplesOrSayThereAreNone() {
        JsonNode leaks = docs.get("jfr leaks -n -1");
        long samples = events("jdk.OldObjectSample").size();
        assertEquals(samples, leaks.get("samples").asLong());
        if (samples == 0) {
            assertEquals("GROWING", leaks.get("floor").get("verdict").asText());
            assertEquals("FillHeap$Session", leaks.get("allocations").get(0).get("className").asText());
        } else {
            assertEquals("FillHeap$Session", leaks.get("groups").get(0).get("className").asText());
            long grouped = 0;
            for (JsonNode g : leaks.get("groups")) {
                grouped += g.get("samples").asLong();
            }
            assertEquals(samples, grouped);
        }
    }

    @Test
    void jmcRulesWarnAboutTheCrashFirst() {
        JsonNode outcomes = docs.get("jfr rules").get("outcomes");
        assertTrue(outcomes.size() >= 60, "rules: " + outcomes.size());
        assertEquals("WARNING", outcomes.get(0).get("severity").asText());
        boolean dumpReason = false;
        for (JsonNode o : outcomes) {
            if (o.get("id").asText().equals("DumpReason")) {
                dumpReason = o.get("severity").asText().equals("WARNING") && o.get("score").asDouble() == 100;
            }
        }
        assertTrue(dumpReason, outcomes.toString());
    }

    @Test
    void theRepositoryCopyWhenTheEmergencyFileIsGoneAndAFileNamedInTheShell() throws Exception {
        Path moved = Files.createDirectories(work.resolve("elsewhere")).resolve("moved.jfr");
        Files.move(recording, moved);
        try {
            Run r = Run.saShell(null, "open", core.toString(), "--json", "-c", "jfr find", "-c", "jfr summary", "-c",
                    "jfr use " + moved, "-c", "jfr summary");
            assertEquals(0, r.exitCode(), r.stderr());
            String[] lines = r.stdout().strip().split("\n");
            JsonNode found = JSON.readTree(lines[0]).get("found");
            assertTrue(found.get(0).get("how").asText().startsWith("the JFR repository " + work.resolve("tmp")),
                    found.toString());
            assertEquals(jdkCounts(), counts(JSON.readTree(lines[1])));
            JsonNode named = JSON.readTree(lines[3]);
            assertEquals(moved.toString(), named.get("files").get(0).asText());
            assertEquals(jdkCounts(), counts(named));
        } finally {
            Files.move(moved, recording);
        }
    }

    @Test
    void theRecordingAloneAndCutInItsLastChunk() throws Exception {
        Run whole = Run.saShell(null, "jfr", recording.toString(), "--json");
        assertEquals(0, whole.exitCode(), whole.stderr());
        assertEquals(jdkCounts(), counts(JSON.readTree(whole.stdout())));

        Run text = Run.saShell(null, "jfr", recording.toString(), "heap", "--width", "72");
        assertEquals(0, text.exitCode(), text.stderr());
        assertTrue(text.stdout().contains("\nafter-GC floor: growing, +"), text.stdout());
        for (String line : text.stdout().split("\n")) {
            if (line.contains("┤") || line.contains("│") || line.contains("└")) {
                assertTrue(line.length() <= 72, line);
            }
        }

        byte[] bytes = Files.readAllBytes(recording);
        byte[] twice = new byte[bytes.length + bytes.length / 2];
        System.arraycopy(bytes, 0, twice, 0, bytes.length);
        System.arraycopy(bytes, 0, twice, bytes.length, bytes.length / 2);
        Path cut = Files.write(work.resolve("cut.jfr"), twice);
        Run partial = Run.saShell(null, "jfr", cut.toString(), "--json");
        assertEquals(0, partial.exitCode(), partial.stderr());
        JsonNode doc = JSON.readTree(partial.stdout());
        assertEquals(jdkCounts(), counts(doc));
        assertEquals(String.format("cut.jfr: chunk 2 at byte %,d is cut: %,d of its %,d bytes are in the file; its "
                + "events are lost", bytes.length, bytes.length / 2, bytes.length), doc.get("damage").get(0).asText());

        Path half = Files.write(work.resolve("half.jfr"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Run none = Run.saShell(null, "jfr", half.toString());
        assertEquals(1, none.exitCode());
        assertEquals(String.format("%s: no whole chunk to read: chunk 1 at byte 0 is cut: %,d of its %,d bytes are in "
                + "the file; its events are lost%n", half, bytes.length / 2, bytes.length), none.stderr());
    }
}
