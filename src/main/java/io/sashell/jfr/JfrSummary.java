package io.sashell.jfr;

import java.util.List;

/**
 * The answer of {@code jfr summary}: what the recording holds (event types with counts, and bytes where the
 * framing was read), when, and about which JVM on which machine; why it was dumped; what was lost.
 * Times are epoch nanoseconds; {@code bytes} is -1 when unknown; {@code pid} is -1 when not recorded.
 */
public record JfrSummary(List<String> files, String version, int chunks, long fileBytes, long startNanos,
                         long durationNanos, List<EventCount> events, long totalEvents,
                         ChunkScan.TypeBytes metadata, ChunkScan.TypeBytes checkpoints, Jvm jvm, Host host,
                         String collectors, long maxHeapBytes, String dumpReason, String shutdownReason,
                         List<String> damage, long parseNanos) {
    public JfrSummary {
        files = List.copyOf(files);
        events = List.copyOf(events);
        damage = List.copyOf(damage);
    }

    /**
     * One event type: its id ({@code jdk.GCHeapSummary}), JMC's label, how many events the file holds (read
     * from the framing, as the JDK's {@code jfr summary} counts them; JMC's count for a compressed file), their
     * bytes, and how many of them JMC reads, which the other commands work from. JMC reads fewer when it drops
     * events: JMC 9.1.1 leaves out the {@code jdk.JavaExceptionThrow} events of Errors, and a chunk found twice.
     */
    public record EventCount(String type, String label, long count, long bytes, long jmcCount) {
    }

    /** From {@code jdk.JVMInformation}. */
    public record Jvm(String name, String version, String jvmArguments, String javaArguments, long pid,
                      long startMillis) {
    }

    /** From {@code jdk.OSInformation}, {@code jdk.CPUInformation} and {@code jdk.PhysicalMemory}. */
    public record Host(String os, String cpu, long cores, long hardwareThreads, long memoryBytes) {
    }
}
