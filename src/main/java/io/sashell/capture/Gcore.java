package io.sashell.capture;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.sashell.core.PendingPath;

/**
 * Takes a core of a live process with gdb's {@code gcore}. gdb stops every thread of the process while it writes
 * (ptrace), then lets it go on. The core is written inside a private (0700) temporary folder beside the output,
 * made 0600, and renamed into place: a failure or Ctrl-C leaves nothing, and no other user can read it meanwhile.
 */
public final class Gcore {
    private static final long SAMPLE_NANOS = 5_000_000L;
    private final Path gcore;

    /** What a capture took: the core, its size, and how long the process was stopped. */
    public record Capture(Path file, long bytes, Duration paused, boolean pauseMeasured, Duration elapsed) {
    }

    public Gcore(Path gcore) {
        this.gcore = gcore;
    }

    /** {@code gcore} on the PATH. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "gcore");
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Writes a core of {@code pid} to {@code out} (which must not exist). The pause is measured by watching the
     * process's state in {@code /proc/PID/stat} (traced-stop) every 5 ms; when never seen, it is at most the
     * time gcore ran.
     */
    public Capture capture(long pid, Path out) throws CaptureException, IOException, InterruptedException {
        Path target = out.toAbsolutePath();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Optional<Character> before = LiveProcess.state(pid);
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (PendingPath pending = PendingPath.of(tmp)) {
            PauseWatch watch = new PauseWatch(pid);
            Thread watcher = new Thread(watch, "sa-shell pause watch");
            watcher.setDaemon(true);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(List.of(gcore.toString(), "-o", tmp.resolve("core").toString(),
                    Long.toString(pid))).redirectErrorStream(true).redirectOutput(tmp.resolve("gcore.log").toFile())
                    .start();
            watcher.start();
            int rc;
            try {
                rc = p.waitFor();
            } finally {
                if (p.isAlive()) {
                    p.destroy();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
                watch.stop();
                watcher.join(1000);
                resumeIfLeftStopped(pid, before);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Path written = tmp.resolve("core." + pid);
            if (rc != 0 || !Files.isRegularFile(written)) {
                throw new CaptureException("gcore could not capture process " + pid + ": " + reason(tmp.resolve("gcore.log")));
            }
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            long bytes = Files.size(written);
            try {
                Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Optional<Duration> paused = watch.paused();
            return new Capture(target, bytes, paused.orElse(elapsed), paused.isPresent(), elapsed);
        }
    }

    /** gdb leaves the process running when it detaches; if it died first, a stopped process is continued. */
    private static void resumeIfLeftStopped(long pid, Optional<Character> before) throws InterruptedException {
        boolean wasStopped = before.map(c -> c == 'T' || c == 't').orElse(false);
        if (!wasStopped && LiveProcess.state(pid).map(c -> c == 'T').orElse(false)) {
            try {
                new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // Nothing else to try: the caller reports the capture's failure.
            }
        }
    }

    /** The line of gdb's output that says why, with a hint for the common cases. */
    static String reason(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no output";
        }
        for (String l : lines) {
            if (l.contains("ptrace: Operation not permitted")) {
                return "ptrace is not permitted (run as root or as the process's user; kernel.yama.ptrace_scope"
                        + " may forbid it: scripts/enable-coredumps.sh --check PID)";
            }
            if (l.contains("No space left on device")) {
                return "no space left on the device";
            }
            if (l.contains("No such process")) {
                return "the process exited";
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("[") && !l.startsWith("warning:")) {
                return l;
            }
        }
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
    }

    /** Watches {@code /proc/PID/stat} for the traced-stop state gdb puts the process in. */
    private static final class PauseWatch implements Runnable {
        private final long pid;
        private volatile boolean running = true;
        private volatile long first = -1;
        private volatile long last = -1;

        PauseWatch(long pid) {
            this.pid = pid;
        }

        @Override
        public void run() {
            while (running) {
                Optional<Character> s = LiveProcess.state(pid);
                if (s.isPresent() && (s.get() == 't' || s.get() == 'T')) {
                    long now = System.nanoTime();
                    if (first < 0) {
                        first = now;
                    }
                    last = now;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(SAMPLE_NANOS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running = false;
        }

        Optional<Duration> paused() {
            return first < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(last - first + SAMPLE_NANOS));
        }
    }
}
