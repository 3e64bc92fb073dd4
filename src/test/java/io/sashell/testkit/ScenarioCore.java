package io.sashell.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.sashell.core.CoreMaker;

/**
 * A real core of a scenario program from {@code testdata/}, made once per test class and deleted with its
 * working directory afterwards.
 */
public final class ScenarioCore implements AutoCloseable {
    private final CoreMaker.Result result;
    private final Path jdk;

    private ScenarioCore(CoreMaker.Result result, Path jdk) {
        this.result = result;
        this.jdk = jdk;
    }

    /** Runs {@code testdata/<scenario>} on {@code jdk} with {@code jvmArgs}, aborts it when ready. */
    public static ScenarioCore abortWhenReady(Path jdk, String scenario, String... jvmArgs)
            throws IOException, InterruptedException {
        return abortWhenReady(jdk, scenario, List.of(jvmArgs), List.of());
    }

    /** As above, with arguments for the program's {@code main}. */
    public static ScenarioCore abortWhenReady(Path jdk, String scenario, List<String> jvmArgs,
                                              List<String> programArgs) throws IOException, InterruptedException {
        Path source = Repo.root().resolve("testdata").resolve(scenario);
        String main = source.getFileName().toString().replaceFirst("\\.java$", "");
        Path work = Files.createTempDirectory("sa-shell-it-");
        CoreMaker.Spec spec = new CoreMaker.Spec(jdk, source, main, jvmArgs, programArgs,
                CoreMaker.Trigger.ABORT_WHEN_READY, work, Duration.ofMinutes(2));
        return new ScenarioCore(CoreMaker.make(spec), jdk);
    }

    public Path core() {
        return result.core();
    }

    public Path dir() {
        return result.workDir();
    }

    /** What the scenario printed up to its abort. */
    public List<String> output() {
        return result.output();
    }

    public long pid() {
        return result.pid();
    }

    public Path jdk() {
        return jdk;
    }

    @Override
    public void close() throws IOException {
        deleteTree(result.workDir());
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
