package io.sashell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.sashell.analysis.ProcessFacts;
import io.sashell.bundle.BundleReader;
import io.sashell.core.CoreFileException;
import io.sashell.core.CoreSignal;
import io.sashell.core.ElfCore;
import io.sashell.core.JdkLocation;
import io.sashell.core.JdkLocator;
import io.sashell.core.MappedFile;
import io.sashell.core.ProcessInfo;
import io.sashell.core.SameFile;
import io.sashell.core.Timing;
import io.sashell.sa.SaException;
import io.sashell.sa.SaSession;

/**
 * Opens a core for the shell: checks it is a core of a JVM, that this process runs on the JDK that wrote it,
 * attaches SA, and collects what the core file says about the process. Every failure is one line.
 */
final class CoreOpener implements AutoCloseable {
    private final ElfCore elf;
    private final SaSession sa;
    private final ProcessFacts process;

    private CoreOpener(ElfCore elf, SaSession sa, ProcessFacts process) {
        this.elf = elf;
        this.sa = sa;
        this.process = process;
    }

    ProcessFacts process() {
        return process;
    }

    ElfCore elf() {
        return elf;
    }

    static CoreOpener open(Path core, Path exeOverride, JdkLocator locator, Consumer<String> warnings) {
        if (!Files.exists(core)) {
            throw new UserDataException(core + ": no such file");
        }
        if (!Files.isReadable(core) || Files.isDirectory(core)) {
            throw new UserDataException(core + ": not a readable file");
        }
        Timing.mark("arguments parsed");
        ElfCore elf;
        try {
            elf = ElfCore.open(core);
        } catch (CoreFileException e) {
            throw new UserDataException(e.getMessage(), e);
        }
        try {
            elf.truncation().ifPresent(t -> warnings.accept("warning: " + core + ": " + t.describe()
                    + "; answers about the missing memory are incomplete"));
            if (libjvm(elf).isEmpty()) {
                throw new UserDataException(core + ": not a core of a Java VM: no libjvm.so among its mapped files"
                        + " (program: " + elf.processInfo().map(ProcessInfo::fname).orElse("unknown") + ")");
            }
            Checked jdk = launcherChecked(core).orElseGet(() -> locate(core, elf, locator));
            Path exe = exeOverride != null ? exeOverride : jdk.exe();
            Timing.mark("JDK located");
            SaSession sa;
            try {
                sa = SaSession.attach(exe, core);
            } catch (SaException e) {
                if (elf.truncation().isPresent()) {
                    throw new UserDataException(core + ": " + elf.truncation().get().describe()
                            + "; the Serviceability Agent cannot open what is left (" + e.getCause().getMessage() + ")", e);
                }
                throw new UserDataException(e.getMessage(), e);
            }
            Timing.mark("SA attached");
            return new CoreOpener(elf, sa, facts(core, elf, exe, jdk.home()));
        } catch (RuntimeException e) {
            closeQuietly(elf);
            throw e;
        }
    }

    /** The commands that open the core they name with SA at once. */
    private static final java.util.Set<String> ATTACHING = java.util.Set.of("open", "export", "redact", "report");

    /**
     * Starts SA's attachment to the core the launcher checked, before the command line is parsed, when the command
     * is one that opens it ({@link SaSession#attachEarly}): parsing and attaching then run on the two cores at
     * once. Nothing is started for a bundle, or when this process is not the JDK the launcher chose.
     */
    static void attachEarly(String[] args) {
        String core = System.getProperty("sashell.launch.core", "");
        String home = System.getProperty("sashell.launch.home", "");
        String exe = System.getProperty("sashell.launch.exe", "");
        if (args.length == 0 || !ATTACHING.contains(args[0]) || core.isEmpty() || home.isEmpty() || exe.isEmpty()
                || !SameFile.of(Path.of(home), Path.of(System.getProperty("java.home")))
                || BundleReader.looksLikeBundle(Path.of(core))) {
            return;
        }
        SaSession.attachEarly(Path.of(exe), Path.of(core));
    }

    /** The JDK home that wrote the core (this process runs on it) and the executable to give SA. */
    record Checked(Path home, Path exe) {
    }

    /**
     * What the launcher's first step ({@link Launch}) found for this core, having checked that the JDK this
     * process runs on wrote it: passed as {@code -Dsashell.launch.core}, {@code .home} and {@code .exe}, it spares
     * a second check (build-ids and a scan of the core, 0.1 to 0.3 s of CPU).
     */
    static Optional<Checked> launcherChecked(Path core) {
        String checked = System.getProperty("sashell.launch.core", "");
        String home = System.getProperty("sashell.launch.home", "");
        String exe = System.getProperty("sashell.launch.exe", "");
        if (checked.isEmpty() || home.isEmpty() || exe.isEmpty() || !SameFile.of(Path.of(checked), core)
                || !SameFile.of(Path.of(home), Path.of(System.getProperty("java.home")))) {
            return Optional.empty();
        }
        return Optional.of(new Checked(Path.of(home), Path.of(exe)));
    }

    /** Finds the JDK that wrote the core; refuses when this process runs on another JDK. */
    private static Checked locate(Path core, ElfCore elf, JdkLocator locator) {
        JdkLocation location;
        try {
            location = locator.locate(elf);
        } catch (CoreFileException e) {
            throw new UserDataException(e.getMessage(), e);
        }
        Path runningHome = Path.of(System.getProperty("java.home"));
        if (!SameFile.of(runningHome, location.jdkHome())) {
            throw new UserDataException(core + ": written by JDK " + location.version().map(Object::toString)
                    .orElse("?") + " at " + location.jdkHome() + ", but sa-shell runs on " + runningHome
                    + "; start it with sa-shell/sa-shell, which picks the JDK itself");
        }
        closeQuietly(location);
        return new Checked(location.jdkHome(), location.exe());
    }

    static Optional<Path> libjvm(ElfCore elf) {
        for (MappedFile f : elf.mappedFiles()) {
            if (f.filePath().endsWith("/libjvm.so")) {
                return Optional.of(Path.of(f.filePath()));
            }
        }
        return Optional.empty();
    }

    private static void closeQuietly(JdkLocation location) {
        try {
            // The launcher's SA_ALTROOT (if any) serves this process; this second location's copy is not needed.
            location.close();
        } catch (IOException e) {
            // A leftover directory of symlinks in our cache is harmless.
        }
    }

    private static ProcessFacts facts(Path core, ElfCore elf, Path exe, Path jdkHome) {
        Optional<ProcessInfo> info = elf.processInfo();
        Optional<CoreSignal> signal = elf.signal();
        long pid = info.map(ProcessInfo::pid).orElse(-1);
        String hsErr = "";
        if (pid > 0) {
            Path dir = core.toAbsolutePath().getParent();
            Path log = dir.resolve("hs_err_pid" + pid + ".log");
            if (Files.isRegularFile(log)) {
                hsErr = log.toString();
            }
        }
        List<Long> tids = new ArrayList<>();
        elf.threadIds().forEach(t -> tids.add((long) t));
        return new ProcessFacts(pid, info.map(ProcessInfo::psargs).orElse(""),
                signal.map(CoreSignal::signo).orElse(0), signal.map(CoreSignal::name).orElse(""),
                signal.map(s -> (long) s.tid()).orElse(tids.isEmpty() ? -1L : tids.get(0)), exe.toString(),
                jdkHome.toString(), hsErr, elf.isGcore(), tids, Optional.empty());
    }

    @Override
    public void close() {
        sa.close();
        closeQuietly(elf);
    }

    private static void closeQuietly(ElfCore elf) {
        try {
            elf.close();
        } catch (IOException e) {
            // Closing a read-only mapping cannot lose data.
        }
    }
}
