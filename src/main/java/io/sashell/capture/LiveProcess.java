package io.sashell.capture;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A running process as {@code /proc/PID} describes it: its name, whether it is a Java VM (libjvm.so mapped),
 * its address space size (VmSize: about what gcore writes, reserved ranges included) and resident set.
 */
public record LiveProcess(long pid, String name, boolean javaVm, long vmSizeBytes, long rssBytes) {

    /** Reads {@code /proc/PID}. Cost: three small files. */
    public static LiveProcess of(long pid) throws CaptureException {
        return of(Path.of("/proc"), pid);
    }

    static LiveProcess of(Path proc, long pid) throws CaptureException {
        Path dir = proc.resolve(Long.toString(pid));
        if (pid <= 0 || !Files.isDirectory(dir)) {
            throw new CaptureException("no process " + pid);
        }
        try {
            List<String> status = Files.readAllLines(dir.resolve("status"));
            String name = field(status, "Name:").orElse("?");
            long vmSize = kb(status, "VmSize:");
            long rss = kb(status, "VmRSS:");
            boolean jvm;
            try (var lines = Files.lines(dir.resolve("maps"))) {
                jvm = lines.anyMatch(l -> l.endsWith("/libjvm.so") || l.endsWith("/libjvm.so (deleted)"));
            }
            return new LiveProcess(pid, name, jvm, vmSize, rss);
        } catch (NoSuchFileException e) {
            throw new CaptureException("no process " + pid + " (it exited)", e);
        } catch (AccessDeniedException e) {
            throw new CaptureException("cannot read " + e.getFile() + ": run as root or as the user of process " + pid, e);
        } catch (IOException e) {
            throw new CaptureException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The state letter of {@code /proc/PID/stat} ('S', 'R', 't' traced, 'T' stopped...), empty when gone. */
    public static Optional<Character> state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close >= 0 && close + 2 < stat.length() ? Optional.of(stat.charAt(close + 2)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static boolean isAlive(long pid) {
        return Files.isDirectory(Path.of("/proc", Long.toString(pid)));
    }

    private static Optional<String> field(List<String> status, String key) {
        return status.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).trim()).findFirst();
    }

    private static long kb(List<String> status, String key) {
        return field(status, key).map(v -> v.replace("kB", "").trim()).map(v -> {
            try {
                return Long.parseLong(v) * 1024;
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }
}
