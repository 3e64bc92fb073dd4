package io.sashell.core;

import java.lang.management.ManagementFactory;

/**
 * Start-up phases on the error stream when {@code -Dsashell.timing=true} (benchmarks set it through
 * {@code SA_SHELL_JAVA_OPTS}): wall time since the JVM started and the process's CPU time at each mark.
 */
public final class Timing {
    private static final boolean ON = Boolean.getBoolean("sashell.timing");

    private Timing() {
    }

    public static boolean on() {
        return ON;
    }

    /** A command's wall time and its thread's CPU time; the CPU time of the threads it starts is not in it. */
    public record Command(String command, long startNanos, long startCpuNanos) {
        public void done() {
            if (ON) {
                // On a busy machine wall and CPU time differ: both are printed.
                System.err.printf("time %.3f ms cpu %.3f ms: %s%n", (System.nanoTime() - startNanos) / 1e6,
                        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startCpuNanos) / 1e6, command);
                mark("done: " + command);
            }
        }
    }

    public static Command command(String command) {
        return new Command(command, System.nanoTime(),
                ON ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : 0);
    }

    /** " anon N MB file N MB": the process's resident anonymous memory and mapped file pages (the core). */
    private static String residentMemory() {
        try {
            long anon = -1;
            long file = -1;
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("RssAnon:")) {
                    anon = kilobytes(line);
                } else if (line.startsWith("RssFile:")) {
                    file = kilobytes(line);
                }
            }
            return anon < 0 ? "" : String.format(" anon %d MB file %d MB", anon >> 10, file >> 10);
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    private static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }

    public static void mark(String phase) {
        if (ON) {
            long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            System.err.printf("timing %.3f s cpu %.3f s%s: %s%n", ManagementFactory.getRuntimeMXBean().getUptime() / 1e3,
                    cpuNanos / 1e9, residentMemory(), phase);
        }
    }
}
