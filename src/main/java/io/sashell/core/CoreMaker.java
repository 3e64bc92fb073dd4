package io.sashell.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns a scenario program into a real core file: compiles it with the given JDK, runs it in a child JVM
 * with an unlimited core limit, and either aborts it once it prints {@code ready} or lets
 * {@code -XX:+CrashOnOutOfMemoryError} crash it. Where the kernel would not leave a core in the working
 * directory ({@code core_pattern} piped to a handler, or a hard limit of 0), it takes one with {@code gcore}
 * of the live process instead.
 */
public final class CoreMaker {

    /** How the scenario ends. */
    public enum Trigger {
        /** SIGABRT as soon as the program prints {@code ready}. */
        ABORT_WHEN_READY,
        /** The program runs until the JVM crashes on OutOfMemoryError (the JVM flag is added). */
        CRASH_ON_OOM
    }

    /** What to run. {@code source} is one Java file whose public class is {@code mainClass}. */
    public record Spec(Path javaHome, Path source, String mainClass, List<String> jvmArgs,
                       List<String> programArgs, Trigger trigger, Path workDir, Duration timeout) {
        public Spec {
            jvmArgs = List.copyOf(jvmArgs);
            programArgs = List.copyOf(programArgs);
        }

        public static Spec abortWhenReady(Path javaHome, Path source, Path workDir, String... jvmArgs) {
            String main = source.getFileName().toString().replaceFirst("\\.java$", "");
            return new Spec(javaHome, source, main, List.of(jvmArgs), List.of(), Trigger.ABORT_WHEN_READY,
                    workDir, Duration.ofMinutes(2));
        }
    }

    /** The core and what the scenario printed. {@code viaGcore} says the kernel's core was not available. */
    public record Result(Path core, long pid, Path workDir, List<String> output, boolean viaGcore) {
    }

    private CoreMaker() {
    }

    public static Result make(Spec spec) throws IOException, InterruptedException {
        return make(spec, Map.of());
    }

    /** As {@link #make(Spec)}, with {@code environment} added to the child's environment. */
    public static Result make(Spec spec, Map<String, String> environment) throws IOException, InterruptedException {
        Files.createDirectories(spec.workDir());
        Path classes = spec.workDir().resolve("classes");
        compile(spec, classes);
        boolean kernelCore = kernelLeavesCoreInWorkDir();
        Trigger trigger = spec.trigger();
        List<String> extraArgs = new ArrayList<>(spec.programArgs());
        if (trigger == Trigger.CRASH_ON_OOM && !kernelCore) {
            // No kernel core will appear: stop the program at a known point and take the core with gcore.
            trigger = Trigger.ABORT_WHEN_READY;
            extraArgs.add("--stop-when-full");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add("-c");
        cmd.add("ulimit -c unlimited 2>/dev/null; exec \"$@\"");
        cmd.add("bash");
        cmd.add(spec.javaHome().resolve("bin/java").toString());
        cmd.addAll(spec.jvmArgs());
        if (spec.trigger() == Trigger.CRASH_ON_OOM && trigger == Trigger.CRASH_ON_OOM) {
            cmd.add("-XX:+CrashOnOutOfMemoryError");
        }
        cmd.add("-cp");
        cmd.add(classes.toString());
        cmd.add(spec.mainClass());
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.workDir().toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process process = pb.start();
        long pid = process.pid();
        List<String> output = new ArrayList<>();
        boolean ready = false;
        boolean viaGcore = false;
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.trim().equals("ready") && trigger == Trigger.ABORT_WHEN_READY) {
                    ready = true;
                    if (kernelCore) {
                        run(List.of("kill", "-ABRT", Long.toString(pid)));
                    } else {
                        viaGcore = true;
                        run(List.of("gcore", "-o", spec.workDir().resolve("core").toString(), Long.toString(pid)));
                        process.destroyForcibly();
                    }
                    break;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            // Drain the rest so the child never blocks on a full pipe while dumping.
            while (ready && !viaGcore && (line = out.readLine()) != null) {
                output.add(line);
            }
        } finally {
            if (!process.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        if (trigger == Trigger.ABORT_WHEN_READY && !ready) {
            throw new IOException("scenario " + spec.mainClass() + " never printed ready: " + tail(output));
        }
        Optional<Path> core = findCore(spec.workDir(), pid);
        if (core.isEmpty()) {
            throw new IOException("no core file appeared in " + spec.workDir() + " (core_pattern: "
                    + readCorePattern() + "); scenario output: " + tail(output));
        }
        Files.setPosixFilePermissions(core.get(), PosixFilePermissions.fromString("rw-------"));
        return new Result(core.get(), pid, spec.workDir(), List.copyOf(output), viaGcore);
    }

    /** True when a plain SIGABRT would leave a core file in the child's working directory. */
    public static boolean kernelLeavesCoreInWorkDir() {
        String pattern = readCorePattern();
        if (pattern.isEmpty() || pattern.startsWith("|") || pattern.startsWith("/")) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("bash", "-c", "ulimit -H -c").redirectErrorStream(true).start();
            String hard = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return !hard.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static String readCorePattern() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/core_pattern")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Path> findCore(Path dir, long pid) throws IOException {
        Path exact = dir.resolve("core." + pid);
        if (Files.exists(exact)) {
            return Optional.of(exact);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.equals("core") || n.matches("core\\.[0-9]+") || n.startsWith("core.java")
                        || n.startsWith("core." + pid);
            }).findFirst();
        }
    }

    private static void compile(Spec spec, Path classes) throws IOException, InterruptedException {
        Files.createDirectories(classes);
        List<String> cmd = List.of(spec.javaHome().resolve("bin/javac").toString(), "-nowarn", "-d",
                classes.toString(), spec.source().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("javac failed for " + spec.source() + ": " + out.strip());
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor();
    }

    private static String tail(List<String> lines) {
        int from = Math.max(0, lines.size() - 5);
        return String.join(" | ", lines.subList(from, lines.size()));
    }
}
