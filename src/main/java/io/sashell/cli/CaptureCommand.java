package io.sashell.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sashell.capture.CaptureException;
import io.sashell.capture.Gcore;
import io.sashell.capture.LiveProcess;
import io.sashell.cli.render.Units;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sa-shell capture PID -o FILE [--every DURATION --count N]}: cores of a running JVM with gcore. */
@Command(name = "capture", description = {
        "Take a core of a running JVM with gdb's gcore, for sa-shell open; written mode 0600.",
        "The process is stopped while the core is written (gcore writes its whole address space, about its"
                + " VmSize: seconds per GB), then runs on. Refused when the disk cannot hold it.",
        "With --every and --count, a series FILE.1 ... FILE.N to compare."})
final class CaptureCommand implements Callable<Integer> {
    /** Room beyond VmSize: the notes gcore adds (registers of every thread, the file list). */
    private static final long NOTES_ALLOWANCE = 16L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "The Java process.")
    long pid;

    @Option(names = "-o", paramLabel = "FILE", required = true, description = "The core to write (must not exist).")
    Path output;

    @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between the starts of two captures: 500ms, 30s, 5m, 1h.")
    Duration every;

    @Option(names = "--count", paramLabel = "N", description = "How many captures (with --every).")
    Integer count;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        int n = count == null ? 1 : count;
        if (n < 1 || n > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be between 1 and 1000");
        }
        if (n > 1 && every == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count " + n + " needs --every DURATION");
        }
        if (every != null && count == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--every needs --count N");
        }
        List<Path> files = outputs(output.toAbsolutePath(), n, every != null);
        Path dir = files.get(0).getParent();
        if (!Files.isDirectory(dir)) {
            throw new UserDataException(dir + ": no such directory");
        }
        for (Path f : files) {
            if (Files.exists(f)) {
                throw new UserDataException(f + " exists; remove it or choose another name");
            }
        }
        Gcore gcore = new Gcore(Gcore.find().orElseThrow(() -> new UserDataException(
                "gcore is not installed (it comes with gdb: apt-get install gdb, dnf install gdb)")));
        LiveProcess process = live(pid);
        if (!process.javaVm()) {
            throw new UserDataException("process " + pid + " (" + process.name() + ") is not a Java VM: no libjvm.so mapped");
        }
        long next = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (!LiveProcess.isAlive(pid)) {
                    throw new UserDataException("process " + pid + " exited after " + i + " of " + n + " captures");
                }
                process = live(pid);
            }
            next += every == null ? 0 : every.toNanos();
            checkSpace(dir, process);
            Gcore.Capture c;
            try {
                c = gcore.capture(pid, files.get(i));
            } catch (CaptureException e) {
                throw new UserDataException(e.getMessage(), e);
            } catch (FileAlreadyExistsException e) {
                throw new UserDataException(e.getFile() + " exists; remove it or choose another name", e);
            }
            System.out.printf(Locale.ROOT, "%s: %s, core of process %d (%s); the process was paused %s%.1f s%n",
                    c.file(), Units.bytes(c.bytes()), pid, process.name(), c.pauseMeasured() ? "" : "at most ",
                    c.paused().toMillis() / 1000.0);
            System.out.flush();
        }
        System.out.println("open " + (n == 1 ? "it" : "each") + " with: sa-shell open " + files.get(n - 1));
        return ExitCodes.OK;
    }

    private static LiveProcess live(long pid) {
        try {
            return LiveProcess.of(pid);
        } catch (CaptureException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }

    /** gcore writes about VmSize bytes (reserved address ranges as zeros): refuse when that does not fit. */
    private static void checkSpace(Path dir, LiveProcess p) {
        long need = p.vmSizeBytes() + NOTES_ALLOWANCE;
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UserDataException(dir + ": cannot tell its free space: " + e.getMessage(), e);
        }
        if (need > free) {
            throw new UserDataException("the core of process " + p.pid() + " needs about " + Units.bytes(need)
                    + " (gcore writes its whole address space, VmSize; resident: " + Units.bytes(p.rssBytes())
                    + "), only " + Units.bytes(free) + " free in " + dir);
        }
    }

    static List<Path> outputs(Path file, int n, boolean series) {
        List<Path> files = new ArrayList<>();
        if (!series) {
            files.add(file);
            return files;
        }
        for (int i = 1; i <= n; i++) {
            files.add(file.resolveSibling(file.getFileName() + "." + i));
        }
        return files;
    }

    /** "500ms", "30s", "5m", "1h", "2d" or ISO-8601 ("PT30S"). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

        @Override
        public Duration convert(String value) {
            Matcher m = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
            Duration d;
            if (m.matches()) {
                long v = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(v);
                    case "s" -> Duration.ofSeconds(v);
                    case "m" -> Duration.ofMinutes(v);
                    case "h" -> Duration.ofHours(v);
                    default -> Duration.ofDays(v);
                };
            } else {
                try {
                    d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new CommandLine.TypeConversionException("not a duration: '" + value
                            + "' (examples: 500ms, 30s, 5m, 1h)");
                }
            }
            if (d.isNegative() || d.isZero()) {
                throw new CommandLine.TypeConversionException("the duration must be positive: '" + value + "'");
            }
            return d;
        }
    }
}
