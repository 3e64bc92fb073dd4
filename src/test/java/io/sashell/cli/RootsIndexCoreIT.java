package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * refs and path through the shell on a JDK 17 core of testdata/roots/RootsScenario.java, whose marker objects
 * are each held by one kind of root only: a local of a sleeping thread, a JNI global reference, a JNI local
 * reference of a thread parked in native code. Each is its own path's root, of that kind; none is referenced
 * by another object. (The root enumeration itself is tested on both JDKs by RootsCoreIT.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RootsIndexCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KIND = Map.of("LocalOnly", "Java Local", "JniGlobalOnly", "JNI Global",
            "JniLocalOnly", "JNI Local");
    private Path jniDir;
    private ScenarioCore core;
    private final Map<String, JsonNode> answers = new HashMap<>();
    private final Map<String, String> addresses = new HashMap<>();

    @BeforeAll
    void ask() throws Exception {
        jniDir = Files.createTempDirectory("sa-shell-roots-index-jni-");
        Path lib = jniDir.resolve("libroots.so");
        Path jdk = Jdks.JDK17;
        Run gcc = Run.of(List.of("gcc", "-shared", "-fPIC", "-I", jdk.resolve("include").toString(), "-I",
                jdk.resolve("include/linux").toString(), "-o", lib.toString(),
                Repo.root().resolve("testdata/roots/roots_jni.c").toString()), null, Map.of(), null);
        assertEquals(0, gcc.exitCode(), () -> "gcc failed: " + gcc.stderr());
        core = ScenarioCore.abortWhenReady(jdk, "roots/RootsScenario.java", "-Xmx64m", "-XX:+UseSerialGC", "-Xbatch",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,RootsScenario::*Holding",
                "-Droots.jni=" + lib);
        List<String> first = new ArrayList<>();
        for (String marker : KIND.keySet()) {
            first.add("instances RootsScenario$" + marker);
        }
        run(first);
        List<String> second = new ArrayList<>();
        for (String marker : KIND.keySet()) {
            String a = answers.get("instances RootsScenario$" + marker).get("instances").get(0).get("address")
                    .asText();
            addresses.put(marker, a);
            second.add("refs " + a);
            second.add("path " + a);
        }
        run(second);
    }

    private void run(List<String> commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("open", core.core().toString(), "--index",
                core.dir().resolve("index").toString(), "--json"));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        Run r = Run.saShell(null, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(commands.size(), docs.size(), r.stdout());
        for (int i = 0; i < commands.size(); i++) {
            answers.put(commands.get(i), JSON.readTree(docs.get(i)));
        }
    }

    @AfterAll
    void delete() throws Exception {
        if (core != null) {
            core.close();
        }
        if (jniDir != null) {
            ScenarioCore.deleteTree(jniDir);
        }
    }

    @Test
    void eachMarkerIsItsOwnRootOfItsKind() {
        for (Map.Entry<String, String> e : KIND.entrySet()) {
            String a = addresses.get(e.getKey());
            JsonNode refs = answers.get("refs " + a);
            assertEquals(0, refs.get("count").asLong(), refs::toString);
            List<String> kinds = new ArrayList<>();
            refs.get("roots").forEach(r -> kinds.add(r.get("kind").asText()));
            assertTrue(kinds.contains(e.getValue()), e.getKey() + ": " + kinds);
            JsonNode path = answers.get("path " + a);
            assertTrue(path.get("reachable").asBoolean(), path::toString);
            JsonNode p = path.get("paths").get(0);
            assertEquals(0, p.get("hops").size(), p::toString);
            assertEquals(a, p.get("root").get("address").asText());
        }
    }
}
