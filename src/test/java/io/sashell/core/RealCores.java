package io.sashell.core;

import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real cores for the *CoreIT tests, and the outside tools that check what the core package reads. */
final class RealCores {
    private static final String IDLE = "public class Idle {\n"
            + "    static byte[][] keep = new byte[64][];\n"
            + "    public static void main(String[] args) throws Exception {\n"
            + "        for (int i = 0; i < keep.length; i++) {\n"
            + "            keep[i] = new byte[1024];\n"
            + "        }\n"
            + "        System.out.println(\"ready\");\n"
            + "        System.out.flush();\n"
            + "        Thread.sleep(600_000);\n"
            + "    }\n"
            + "}\n";

    private RealCores() {
    }

    /** A kernel core (or gcore where the kernel leaves none) of a small idle program run by {@code jdk}. */
    static CoreMaker.Result javaCore(Path jdk, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path source = SyntheticCore.writePrivate(work.resolve("Idle.java"), IDLE.getBytes(StandardCharsets.UTF_8));
        return CoreMaker.make(new CoreMaker.Spec(jdk, source, "Idle", List.of("-Xmx32m", "-XX:+UseSerialGC"),
                List.of(), CoreMaker.Trigger.ABORT_WHEN_READY, work, Duration.ofMinutes(2)));
    }

    /** A core of {@code sleep} aborted with SIGABRT. */
    static Path sleepCore(Path work) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "ulimit -c unlimited 2>/dev/null; exec sleep 600")
                .directory(work.toFile()).redirectErrorStream(true).start();
        long pid = p.pid();
        Path exe = Path.of("/proc", Long.toString(pid), "exe");
        for (int i = 0; i < 100 && !isSleep(exe); i++) {
            Thread.sleep(50);
        }
        boolean kernel = CoreMaker.kernelLeavesCoreInWorkDir();
        if (!kernel) {
            Run.of(List.of("gcore", "-o", work.resolve("core").toString(), Long.toString(pid)), null, Map.of(), work);
        }
        Run.of(List.of("kill", kernel ? "-ABRT" : "-KILL", Long.toString(pid)), null, Map.of(), work);
        p.waitFor();
        try (var files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().startsWith("core")).findFirst()
                    .orElseThrow(() -> new IOException("no core of sleep in " + work));
        }
    }

    private static boolean isSleep(Path exe) {
        try {
            return Files.readSymbolicLink(exe).getFileName().toString().equals("sleep");
        } catch (IOException e) {
            return false;
        }
    }

    /** The build-id {@code readelf -n} prints for {@code file}. */
    static String readelfBuildId(Path file) throws IOException, InterruptedException {
        Run r = Run.of(List.of("readelf", "-n", file.toString()), null, Map.of(), null);
        Matcher m = Pattern.compile("Build ID: ([0-9a-f]+)").matcher(r.stdout());
        if (!m.find()) {
            throw new IOException("readelf printed no build-id for " + file + ": " + r.stdout() + r.stderr());
        }
        return m.group(1);
    }

    /** The "build" of {@code java -version}'s runtime line: 17.0.15+6-Debian-1deb12u1, 25.0.3+9-LTS. */
    static String javaRuntimeVersion(Path jdk) throws IOException, InterruptedException {
        Run r = Run.of(List.of(jdk.resolve("bin/java").toString(), "-version"), null, Map.of(), null);
        for (String line : r.stderr().split("\n")) {
            Matcher m = Pattern.compile("Runtime Environment.*\\(build ([^)]+)\\)").matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IOException("no runtime version in: " + r.stderr());
    }

    /** A copy of a JDK: hard links where the file system allows (no disk used), else a real copy. */
    static void copyJdk(Path jdk, Path to) throws IOException, InterruptedException {
        Run linked = Run.of(List.of("cp", "-al", jdk.toString(), to.toString()), null, Map.of(), null);
        if (linked.exitCode() != 0) {
            ScenarioCore.deleteTree(to);
            Run copied = Run.of(List.of("cp", "-a", jdk.toString(), to.toString()), null, Map.of(), null);
            if (copied.exitCode() != 0) {
                throw new IOException("cannot copy " + jdk + ": " + copied.stderr());
            }
        }
    }

    static Optional<MappedFile> libjvm(ElfCore core) {
        return core.mappedFiles().stream().filter(f -> f.path().endsWith("/lib/server/libjvm.so") && f.fileOffset() == 0)
                .findFirst();
    }
}
