package io.sashell.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.sashell.bundle.BundleException;
import io.sashell.bundle.BundleManifest;
import io.sashell.bundle.BundleWriter;
import io.sashell.bundle.CoreFiles;
import io.sashell.bundle.RuntimeImage;
import io.sashell.cli.render.Units;
import io.sashell.core.CoreFileException;
import io.sashell.core.ElfCore;
import io.sashell.core.JdkLocation;
import io.sashell.core.JdkLocator;
import io.sashell.core.JvmVersion;
import io.sashell.core.PendingPath;
import io.sashell.core.ProcessInfo;
import io.sashell.redact.RedactLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sa-shell bundle CORE -o FILE}: one file that opens the core on any x86_64 Linux machine: the core, a
 * trimmed runtime of the JDK that wrote it, the files SA reads at the core's recorded paths, the hs_err log and
 * JFR dumps beside the core, sa-shell itself, and a manifest with every file's size and SHA-256.
 */
@Command(name = "bundle", description = {
        "Pack a core with everything needed to open it on another Linux machine: the core (zstd), the JDK that"
                + " wrote it (jlink: the modules SA needs), the libraries and CDS archive the core maps, the"
                + " hs_err log and .jfr beside it, sa-shell itself, and a manifest with SHA-256 checksums.",
        "Open it with: sa-shell open FILE. Written mode 0600; it holds everything the core holds (secrets too)."})
final class BundleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CORE", description = "The core file (never modified).")
    Path core;

    @Option(names = "-o", paramLabel = "FILE", required = true, description = "The bundle to write (must not exist).")
    Path output;

    @Option(names = "--redact", description = "Bundle a redacted copy of the core (see sa-shell redact) and scrubbed"
            + " copies of the hs_err log and JFR recording (arguments, environment, properties, thread names and other"
            + " strings gone); a file that cannot be scrubbed reliably is left out, with a note.")
    boolean redact;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "basic",
            description = "With --redact: basic (default) or full, as for sa-shell redact.")
    String level;

    @Mixin
    CoreJdkOptions jdkOptions = new CoreJdkOptions();

    private JdkLocator locator() {
        return CoreJdks.locator(jdkOptions.jdk, jdkOptions.sysroot, jdkOptions.force);
    }

    @Override
    public Integer call() throws Exception {
        RedactLevel redactLevel = redact ? parseLevel(level) : null;
        long start = System.nanoTime();
        Path out = output.toAbsolutePath();
        checkPaths(out);
        ElfCore elf = openCore();
        try (elf; JdkLocation location = locate(elf)) {
            CoreFiles.Found files = CoreFiles.of(elf, location);
            Path work = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".runtime-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (PendingPath pendingWork = PendingPath.of(work)) {
                String version = location.version().map(JvmVersion::toString).orElse("");
                System.err.println("linking a runtime of JDK " + (version.isEmpty() ? location.jdkHome() : version)
                        + " with jlink (" + String.join(", ", RuntimeImage.MODULES) + ")...");
                long linkStart = System.nanoTime();
                RuntimeImage.Linked runtime = RuntimeImage.link(location.jdkHome(), work.resolve("runtime"));
                double linkSeconds = seconds(linkStart);

                List<Path> besideFiles = besideTheCore(elf);
                Path bundledCore = core;
                List<String> redactionNotes = List.of();
                if (redact) {
                    BundleRedaction.Result r = BundleRedaction.run(core, besideFiles, work, redactLevel,
                            jdkOptions.exe, locator(), System.err::println);
                    bundledCore = r.core();
                    besideFiles = r.beside();
                    redactionNotes = r.notes();
                }
                List<BundleWriter.Item> items = new ArrayList<>();
                long coreSize = Files.size(core);
                String coreName = "core/" + core.getFileName();
                items.add(new BundleWriter.Item(coreName, bundledCore, false));
                List<String> beside = new ArrayList<>();
                for (Path f : besideFiles) {
                    items.add(new BundleWriter.Item("core/" + f.getFileName(), f, false));
                    beside.add(f.getFileName().toString());
                }
                SaShellFiles.add(items);
                for (Path f : runtime.files()) {
                    Path src = runtime.dir().resolve(f);
                    items.add(new BundleWriter.Item("runtime/" + f.toString(), src, Files.isExecutable(src)));
                }
                long rootBytes = 0;
                for (CoreFiles.File f : files.files()) {
                    items.add(new BundleWriter.Item("root" + f.recorded(), f.source(), Files.isExecutable(f.source())));
                    rootBytes += Files.size(f.source());
                }
                for (String missing : files.missing()) {
                    System.err.println("note: " + missing + " is not here; the bundle opens without it (no symbols of it)");
                }
                BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, BundleManifest.FORMAT_VERSION,
                        "sa-shell " + Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev"),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), hostName(), "linux", "x86_64",
                        coreName, core.toAbsolutePath().toString(), elf.processInfo().map(ProcessInfo::pid).orElse(-1),
                        version, location.recordedHome().toString(), location.buildId().orElse(""),
                        runtime.minGlibc().orElse(""), "runtime", "root", redact ? redactLevel.label() : "", List.of());
                System.err.println("writing " + out + " (zstd, " + items.size() + " files)...");
                long writeStart = System.nanoTime();
                BundleWriter.Written w = BundleWriter.write(out, manifest, items, BundleWriter.DEFAULT_LEVEL,
                        Math.max(1, Runtime.getRuntime().availableProcessors()));
                double writeSeconds = seconds(writeStart);
                System.out.printf(Locale.ROOT, "%s: %s (from %s), mode 0600%n", out, Units.bytes(w.bytes()),
                        Units.bytes(w.contentBytes()));
                System.out.printf(Locale.ROOT, "  core      %s (%s)%s%n", core.getFileName(), Units.bytes(coreSize),
                        redact ? ", redacted (" + redactLevel.label() + ")" : "");
                System.out.printf(Locale.ROOT, "  runtime   JDK %s, %d files (%s); needs glibc %s or newer%n",
                        version.isEmpty() ? "?" : version, runtime.files().size(), Units.bytes(runtime.bytes()),
                        runtime.minGlibc().orElse("?"));
                System.out.printf(Locale.ROOT, "  root      %d files SA reads at the core's paths (%s)%n",
                        files.files().size(), Units.bytes(rootBytes));
                if (!beside.isEmpty()) {
                    System.out.printf(Locale.ROOT, "  beside    %s%s%n", String.join(", ", beside),
                            redact ? " (scrubbed)" : "");
                }
                for (String note : redactionNotes) {
                    System.out.println("  note      " + note);
                }
                System.out.printf(Locale.ROOT, "took %.1f s (jlink %.1f s, checksums, compression and writing %.1f s)%n",
                        seconds(start), linkSeconds, writeSeconds);
                System.out.println("open it on any x86_64 Linux with: sa-shell open " + out);
            }
        } catch (BundleException e) {
            throw new UserDataException(e.getMessage(), e);
        } catch (FileAlreadyExistsException e) {
            throw new UserDataException(out + " exists; remove it or choose another name", e);
        } catch (IOException e) {
            throw new UserDataException("cannot write " + out + ": " + e.getMessage() + "; nothing was written", e);
        }
        return ExitCodes.OK;
    }

    private void checkPaths(Path out) {
        if (!Files.isRegularFile(core)) {
            throw new UserDataException(core + ": " + (Files.exists(core) ? "not a regular file" : "no such file"));
        }
        if (Files.exists(out)) {
            throw new UserDataException(out + " exists; remove it or choose another name");
        }
        if (!Files.isDirectory(out.getParent())) {
            throw new UserDataException(out.getParent() + ": no such directory");
        }
    }

    private ElfCore openCore() {
        try {
            ElfCore elf = ElfCore.open(core);
            if (CoreOpener.libjvm(elf).isEmpty()) {
                elf.close();
                throw new UserDataException(core + ": not a core of a Java VM: no libjvm.so among its mapped files");
            }
            if (redact && elf.truncation().isPresent()) {
                String why = elf.truncation().get().describe();
                elf.close();
                throw new UserDataException(core + ": " + why + "; a redacted copy could not be checked, bundle"
                        + " --redact refuses truncated cores");
            }
            elf.truncation().ifPresent(t -> System.err.println("warning: " + core + ": " + t.describe()
                    + "; the bundle holds it as it is"));
            return elf;
        } catch (CoreFileException e) {
            throw new UserDataException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserDataException(core + ": " + e.getMessage(), e);
        }
    }

    private JdkLocation locate(ElfCore elf) {
        try {
            return locator().locate(elf);
        } catch (CoreFileException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }

    /** The hs_err log and JFR emergency dumps HotSpot writes beside a core (same pid), bundled next to it. */
    private List<Path> besideTheCore(ElfCore elf) {
        List<Path> found = new ArrayList<>();
        Optional<Integer> pid = elf.processInfo().map(ProcessInfo::pid);
        if (pid.isEmpty()) {
            return found;
        }
        Path dir = core.toAbsolutePath().getParent();
        for (String prefix : List.of("hs_err_pid", "hs_oom_pid", "hs_soe_pid")) {
            for (String suffix : List.of(".log", ".jfr")) {
                Path f = dir.resolve(prefix + pid.get() + suffix);
                if (Files.isRegularFile(f) && Files.isReadable(f) && !f.getFileName().equals(core.getFileName())) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    private static RedactLevel parseLevel(String s) {
        for (RedactLevel l : RedactLevel.values()) {
            if (l.label().equals(s.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new ParameterException(new CommandLine(new BundleCommand()), "unknown level '" + s + "' (basic or full)");
    }

    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException e) {
            // fall through to the resolver
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** sa-shell itself, laid out like the release archive: {@code sa-shell/bin/sa-shell}, {@code sa-shell/lib/sa-shell.jar}. */
    static final class SaShellFiles {
        private SaShellFiles() {
        }

        static void add(List<BundleWriter.Item> items) {
            String launcher = System.getProperty("sashell.launcher");
            if (launcher != null && Files.isRegularFile(Path.of(launcher))) {
                items.add(new BundleWriter.Item("sa-shell/bin/sa-shell", Path.of(launcher), true));
            }
            try {
                Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(jar)) {
                    items.add(new BundleWriter.Item("sa-shell/lib/sa-shell.jar", jar, false));
                }
            } catch (URISyntaxException | SecurityException e) {
                // Run from classes (tests): the bundle opens with any sa-shell.
            }
        }
    }
}
