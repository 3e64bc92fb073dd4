package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.sashell.core.CoreMaker;
import io.sashell.core.ElfCore;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * A core of a real program mid-run that is not started by {@code bin/java}: {@code javac} compiling a
 * generated source tree, aborted after a few seconds of work. The launcher finds the executable
 * ({@code bin/javac}) in the core and gives it to SA; the walker's histogram equals SA's iteration row for row.
 * The subclasses choose the JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JavacWalkerCoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLASSES = 2500;
    private static final double WORK_CPU_SECONDS = 5;
    private Path work;
    private Path core;
    private final List<JsonNode> answers = new ArrayList<>();
    private String executable;

    /** The JDK whose javac is caught mid-run. */
    abstract Path jdk();

    @BeforeAll
    void compileAndAbort() throws Exception {
        work = Files.createTempDirectory("sa-shell-javac-it-");
        List<String> sources = generate(work.resolve("src"));
        Files.write(work.resolve("files.txt"), sources);
        Path javac = jdk().resolve("bin/javac");
        Process p = new ProcessBuilder("bash", "-c", "ulimit -c unlimited 2>/dev/null; exec \"$@\"", "bash",
                javac.toString(), "-J-Xmx256m", "-J-XX:+UseG1GC", "-nowarn", "-d", work.resolve("classes").toString(),
                "@" + work.resolve("files.txt")).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("javac.txt").toFile()).start();
        // Some seconds of CPU into the compilation (not of wall time: the machine may be busy): parsing and
        // attributing, the heap full of trees and symbols.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && cpuSeconds(p.pid()) < WORK_CPU_SECONDS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(p.isAlive(), () -> "javac ended before the abort: " + read(work.resolve("javac.txt")));
        if (CoreMaker.kernelLeavesCoreInWorkDir()) {
            new ProcessBuilder("kill", "-ABRT", Long.toString(p.pid())).start().waitFor();
        } else {
            new ProcessBuilder("gcore", "-o", work.resolve("core").toString(), Long.toString(p.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            p.destroyForcibly();
        }
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        try (var files = Files.list(work)) {
            core = files.filter(f -> f.getFileName().toString().startsWith("core")).findFirst().orElseThrow();
        }
        try (ElfCore elf = ElfCore.open(core)) {
            executable = elf.executablePath().orElse("");
        }
        // Two processes: SA's iteration is slow (minutes on a busy machine), each gets the launcher's time limit.
        for (List<String> commands : List.of(List.of("info", "histo -n -1"), List.of("histo -n -1 --engine sa"))) {
            List<String> args = new ArrayList<>(List.of("open", core.toString(), "--json"));
            commands.forEach(c -> args.addAll(List.of("-c", c)));
            Run r = Run.saShell(null, args.toArray(new String[0]));
            assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr());
            for (String line : r.stdout().lines().toList()) {
                answers.add(JSON.readTree(line));
            }
        }
    }

    @AfterAll
    void deleteCore() throws IOException {
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    @Test
    void theCoreIsOfJavacAndSaShellOpensIt() throws IOException {
        assertEquals(jdk().resolve("bin/javac").toRealPath().toString(), realPath(executable));
        assertEquals(3, answers.size());
        assertEquals("walker", answers.get(1).get("engine").asText());
        assertEquals("sa", answers.get(2).get("engine").asText());
    }

    @Test
    void walkerHistogramEqualsSasIterationRowForRow() {
        Map<String, String> walker = rowsByKlass(answers.get(1));
        Map<String, String> sa = rowsByKlass(answers.get(2));
        assertTrue(walker.size() > 500, () -> "javac's heap has its compiler's classes: " + walker.size());
        assertEquals(sa, walker);
        assertTrue(walker.values().stream().anyMatch(r -> r.startsWith("com.sun.tools.javac.tree.JCTree$JCMethodDecl ")),
                "javac was caught with method trees in its heap");
    }

    private static Map<String, String> rowsByKlass(JsonNode histo) {
        Map<String, String> rows = new TreeMap<>();
        for (JsonNode row : histo.get("rows")) {
            rows.put(row.get("klass").asText(), row.get("class").asText() + " " + row.get("count").asLong() + " "
                    + row.get("bytes").asLong() + " " + row.get("loader").asText());
        }
        return rows;
    }

    /** A source tree that keeps javac busy for a while: many classes calling each other with generics. */
    private static List<String> generate(Path dir) throws IOException {
        Path pkg = dir.resolve("gen");
        Files.createDirectories(pkg);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < CLASSES; i++) {
            StringBuilder s = new StringBuilder("package gen;\nimport java.util.*;\nimport java.util.function.*;\n");
            s.append("public class C").append(i).append(" {\n");
            for (int m = 0; m < 12; m++) {
                s.append("  public <T extends Comparable<T>> List<Map<String, T>> m").append(m)
                        .append("(List<T> in, Function<T, String> f) {\n")
                        .append("    List<Map<String, T>> out = new ArrayList<>();\n")
                        .append("    for (T t : in) { Map<String, T> x = new HashMap<>(); x.put(f.apply(t) + \"")
                        .append(i).append('-').append(m).append("\", t); out.add(x); }\n")
                        .append("    out.sort(Comparator.comparing(x -> x.values().iterator().next()));\n");
                if (i > 0) {
                    s.append("    new C").append(i - 1).append("().m").append(m).append("(in, f);\n");
                }
                s.append("    return out;\n  }\n");
            }
            s.append("}\n");
            Path f = pkg.resolve("C" + i + ".java");
            Files.writeString(f, s);
            files.add(f.toString());
        }
        return files;
    }

    /** User and system CPU time of a process so far, from {@code /proc/PID/stat} (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name: state is field 3 of the line, utime 14 and stime 15.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String realPath(String p) {
        try {
            return Path.of(p).toRealPath().toString();
        } catch (IOException e) {
            return p;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
