package io.sashell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.sashell.core.CoreMaker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Makes a core of the demo leak (a request handler that keeps every request in a static list, run until it
 * dies of OutOfMemoryError) with the JDK sa-shell runs on, then opens the shell on it.
 */
@Command(name = "demo", description = "Make a core of a small leaking server and open sa-shell on it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--fresh", description = "Make a new demo core even if one was made before.")
    boolean fresh;

    @Option(names = "-c", paramLabel = "CMD", description = "Run CMD on the demo core and exit (repeatable).")
    List<String> commands = List.of();

    @Option(names = "--json", description = "With -c: one JSON document per command.")
    boolean json;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        String version = System.getProperty("java.runtime.version");
        Path dir = Paths.cacheDir().resolve("demo-" + version.replaceAll("[^A-Za-z0-9.+-]", "_"));
        Path core = fresh ? null : existingCore(dir);
        if (core == null) {
            core = make(javaHome, dir);
        } else {
            System.err.println("using the demo core made earlier: " + core + " (--fresh makes a new one)");
        }
        return OpenCommand.openAndRun(new OpenCommand.Request(core, null, null, null, false, commands, json, verbose,
                "Demo: LeakyServer kept every request in a static list until the heap ran out. Try: info, "
                        + "histo -n 10, instances LeakyServer$Request -n 3, inspect ADDR, bt main, jfr heap, help.", null, null,
                false));
    }

    private static Path make(Path javaHome, Path dir) throws IOException, InterruptedException {
        Path source = Paths.home().resolve("testdata/demo/LeakyServer.java");
        if (!Files.isRegularFile(source)) {
            throw new UserDataException("the demo scenario is missing: " + source);
        }
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        System.err.println("making a demo core: LeakyServer runs with -Xmx64m until it dies of OutOfMemoryError...");
        CoreMaker.Spec spec = new CoreMaker.Spec(javaHome, source, "LeakyServer",
                List.of("-Xmx64m", "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                        "-XX:StartFlightRecording:dumponexit=true,filename=" + dir.resolve("demo.jfr")), List.of(),
                CoreMaker.Trigger.CRASH_ON_OOM, dir, Duration.ofMinutes(3));
        CoreMaker.Result result = CoreMaker.make(spec);
        if (result.viaGcore()) {
            System.err.println("the kernel would not leave a core here (core_pattern: " + CoreMaker.readCorePattern()
                    + "), so the core was taken with gcore of the live process once its heap was nearly full");
        }
        ownerOnly(dir);
        System.err.println("core: " + result.core() + " (" + Files.size(result.core()) / (1024 * 1024) + " MB)");
        return result.core();
    }

    /** The JVM writes its hs_err log, recording and classes with the umask's modes: what we leave is 0600/0700. */
    private static void ownerOnly(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwx------" : "rw-------"));
            }
        }
    }

    private static Path existingCore(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("core(\\.[0-9]+)?")).findFirst().orElse(null);
        }
    }
}
