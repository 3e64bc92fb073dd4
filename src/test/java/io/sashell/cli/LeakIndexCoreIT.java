package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

/**
 * Issue 4's "done when", through the shell on a core of the leaking demo program (testdata/demo/LeakyServer.java,
 * killed by -XX:+CrashOnOutOfMemoryError): {@code instances} of the leaked type gives an address, {@code refs}
 * names the array slot that holds it, {@code path} ends at the static field that holds the collection; the
 * index is kept in {@code --index DIR}, mode 0600, and read back by the next process. Once per JDK (the
 * subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeakIndexCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path work;
    private Path core;
    private Path indexDir;
    private final Map<String, JsonNode> answers = new HashMap<>();
    private String request;
    private long requestId;

    abstract Path jdk();

    @BeforeAll
    void crashAndAsk() throws Exception {
        work = Files.createTempDirectory("sa-shell-leak-index-it-");
        CoreMaker.Result made = CoreMaker.make(new CoreMaker.Spec(jdk(),
                Repo.root().resolve("testdata/demo/LeakyServer.java"), "LeakyServer", List.of("-Xmx32m",
                "-XX:+UseSerialGC"), List.of(), CoreMaker.Trigger.CRASH_ON_OOM, work.resolve("run"),
                Duration.ofMinutes(2)));
        core = made.core();
        indexDir = work.resolve("index");
        run(List.of("instances LeakyServer$Request -n 3", "histo --live LeakyServer", "roots -n 0", "index"));
        request = json("instances LeakyServer$Request -n 3").get("instances").get(0).get("address").asText();
        run(List.of("inspect " + request, "refs " + request, "path " + request, "path " + request + " --all -n 3",
                "refs --out " + request, "index"));
        for (JsonNode f : json("inspect " + request).get("fields")) {
            if (f.get("name").asText().equals("id")) {
                requestId = Long.parseLong(f.get("value").asText());
            }
        }
    }

    private void run(List<String> commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("open", core.toString(), "--index", indexDir.toString(),
                "--json"));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        Run r = Run.saShell(null, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(commands.size(), docs.size(), r.stdout());
        for (int i = 0; i < commands.size(); i++) {
            answers.put(commands.get(i) + "#" + (answers.containsKey(commands.get(i)) ? 2 : 1),
                    JSON.readTree(docs.get(i)));
            answers.putIfAbsent(commands.get(i), JSON.readTree(docs.get(i)));
        }
    }

    private JsonNode json(String command) {
        JsonNode n = answers.get(command);
        if (n == null) {
            throw new IllegalArgumentException("not asked: " + command);
        }
        return n;
    }

    @AfterAll
    void delete() throws Exception {
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    @Test
    void refsNamesTheArraySlotThatHoldsTheRequest() {
        JsonNode refs = json("refs " + request);
        assertEquals(request, refs.get("object").get("address").asText());
        assertEquals(1, refs.get("count").asLong(), refs::toString);
        JsonNode ref = refs.get("refs").get(0);
        assertEquals("java.lang.Object[]", ref.get("class").asText());
        assertEquals(1, ref.get("via").size());
        assertEquals("array_element", ref.get("via").get(0).get("kind").asText());
        assertEquals(requestId, ref.get("via").get(0).get("index").asLong());
        assertTrue(refs.get("reachable").asBoolean());
        assertEquals(0, refs.get("roots").size());
    }

    @Test
    void pathEndsAtTheStaticFieldThatHoldsTheList() {
        JsonNode path = json("path " + request);
        assertTrue(path.get("reachable").asBoolean(), path::toString);
        List<String> hops = new ArrayList<>();
        path.get("paths").get(0).get("hops").forEach(h -> hops.add(h.get("via").get("text").asText()));
        assertTrue(hops.size() >= 3, hops::toString);
        assertEquals(List.of("static LeakyServer.REQUESTS", "java.util.ArrayList.elementData",
                "java.lang.Object[][" + requestId + "]"), hops.subList(hops.size() - 3, hops.size()));
        JsonNode root = path.get("paths").get(0).get("root");
        assertTrue(root.get("roots").size() > 0, root::toString);
        // --all: more paths, from other roots (a crash in the middle of REQUESTS.add holds the list in a frame
        // too), each ending in the same slot.
        JsonNode all = json("path " + request + " --all -n 3");
        assertEquals(path.get("paths").get(0), all.get("paths").get(0));
        for (JsonNode p : all.get("paths")) {
            JsonNode last = p.get("hops").get(p.get("hops").size() - 1);
            assertEquals("java.lang.Object[][" + requestId + "]", last.get("via").get("text").asText());
        }
    }

    @Test
    void outboundReferencesOfTheRequest() {
        JsonNode out = json("refs --out " + request);
        List<String> via = new ArrayList<>();
        out.get("refs").forEach(r -> via.add(r.get("via").get("text").asText() + " " + r.get("class").asText()));
        assertTrue(via.contains("LeakyServer$Request.name java.lang.String"), via::toString);
        assertTrue(via.contains("LeakyServer$Request.headers java.util.HashMap"), via::toString);
        assertTrue(via.contains("LeakyServer$Request.arr java.lang.Object[]"), via::toString);
        assertTrue(via.contains("(class) LeakyServer$Request java.lang.Class for LeakyServer$Request"), via::toString);
    }

    @Test
    void everyRequestIsLive() {
        JsonNode histo = json("histo --live LeakyServer");
        boolean seen = false;
        for (JsonNode row : histo.get("rows")) {
            if (row.get("class").asText().equals("LeakyServer$Request")) {
                seen = true;
                assertTrue(row.get("count").asLong() > 100, row::toString);
                // All but possibly the one being built when the heap ran out.
                assertTrue(row.get("count").asLong() - row.get("liveCount").asLong() <= 1, row::toString);
            }
        }
        assertTrue(seen);
    }

    @Test
    void rootsOfEveryMainKind() {
        List<String> kinds = new ArrayList<>();
        json("roots -n 0").get("counts").forEach(c -> kinds.add(c.get("kind").asText()));
        assertTrue(kinds.containsAll(List.of("Thread", "System Class", "Class Loader")), kinds::toString);
    }

    @Test
    void theIndexIsKeptPrivatelyAndReadBack() throws Exception {
        JsonNode first = json("index#1");
        JsonNode second = json("index#2");
        assertTrue(first.get("built").asBoolean(), first::toString);
        assertFalse(second.get("built").asBoolean(), second::toString);
        assertEquals(first.get("objects"), second.get("objects"));
        assertEquals(first.get("file"), second.get("file"));
        Path file = Path.of(first.get("file").asText());
        assertEquals(indexDir, file.getParent());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(indexDir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }
}
