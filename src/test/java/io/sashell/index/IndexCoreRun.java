package io.sashell.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.core.CoreMaker;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.SaJava;
import io.sashell.testkit.ScenarioCore;

/**
 * A scenario of {@code testdata/index/} turned into a core, and what {@link IndexCoreDriver} answered about it
 * in a child JVM of the same JDK. The core is deleted once the driver has run; facts and answers stay.
 */
final class IndexCoreRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Map<String, String> scenario = new LinkedHashMap<>();
    final Map<String, String> facts = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> edgeExamples = new ArrayList<>();
    /** Answers by question, e.g. "refs IndexScenario$Target3@ff001230". */
    final Map<String, JsonNode> answers = new HashMap<>();
    final String driverOutput;

    private IndexCoreRun(List<String> scenarioOutput, String driverOutput, Path answersFile) throws IOException {
        this.driverOutput = driverOutput;
        for (String line : scenarioOutput) {
            String[] kv = line.trim().split(" ", 2);
            if (kv.length == 2) {
                scenario.put(kv[0], kv[1]);
            }
        }
        for (String line : driverOutput.split("\n")) {
            String[] kv = line.trim().split(" ", 2);
            if (kv[0].equals("problem")) {
                problems.add(kv[1]);
            } else if (kv[0].equals("edge-example") || kv[0].equals("rpa-example")) {
                edgeExamples.add(kv[1]);
            } else if (kv.length == 2) {
                facts.put(kv[0], kv[1]);
            }
        }
        for (String line : Files.readAllLines(answersFile)) {
            JsonNode n = JSON.readTree(line);
            answers.put(n.get("q").asText(), n.get("a"));
        }
    }

    /** Makes a core of {@code testdata/index/<scenario>} on {@code jdk}, runs the driver on it, deletes it. */
    static IndexCoreRun of(Path jdk, String scenario, String classPrefix, String... jvmArgs) throws Exception {
        Path source = Repo.root().resolve("testdata/index").resolve(scenario);
        Path work = Files.createTempDirectory("sa-shell-index-it-");
        try {
            CoreMaker.Result core = CoreMaker.make(CoreMaker.Spec.abortWhenReady(jdk, source, work, jvmArgs));
            Path out = work.resolve("out");
            // Generational ZGC: SaZgcCollectedHeap replaces SA's heap class.
            List<String> cmd = SaJava.command(jdk, "sun.jvm.hotspot.memory");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(IndexCoreDriver.class.getName());
            cmd.add(jdk.resolve("bin/java").toString());
            cmd.add(core.core().toString());
            cmd.add(out.toString());
            cmd.add(classPrefix);
            Run run = Run.of(cmd, null, Map.of(), work);
            Files.deleteIfExists(core.core());
            if (run.exitCode() != 0 || !run.stdout().contains("\ndone")) {
                throw new IllegalStateException("index driver failed (exit " + run.exitCode() + "):\n"
                        + run.stdout() + "\n" + run.stderr());
            }
            return new IndexCoreRun(core.output(), run.stdout(), out.resolve("answers.jsonl"));
        } finally {
            ScenarioCore.deleteTree(work);
        }
    }

    long fact(String key) {
        String v = facts.get(key);
        if (v == null) {
            throw new IllegalStateException("the driver printed no " + key + ":\n" + driverOutput);
        }
        return Long.parseLong(v);
    }

    String text(String key) {
        return facts.get(key);
    }

    /** The questions asked about objects of one class ("refs", "path", ...), one per object, in address order. */
    List<String> objects(String className) {
        return answers.keySet().stream().filter(q -> q.startsWith("refs " + className + "@"))
                .map(q -> q.substring("refs ".length())).sorted().toList();
    }

    JsonNode answer(String question) {
        JsonNode a = answers.get(question);
        if (a == null) {
            throw new IllegalArgumentException("not asked: " + question);
        }
        return a;
    }
}
