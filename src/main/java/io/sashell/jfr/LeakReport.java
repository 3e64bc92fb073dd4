package io.sashell.jfr;

import java.util.List;

/**
 * The answer of {@code jfr leaks}: the recording's old-object samples ({@code jdk.OldObjectSample}: objects
 * sampled at allocation and still alive when the recording was written), grouped by their path to a GC root.
 * When there are none, {@code samples} is 0 and the report carries what the recording offers instead: the
 * after-GC floor trend and the heaviest allocating classes.
 */
public record LeakReport(long samples, long samplesWithPath, List<Group> groups, HeapTrend.Floor floor,
                         long maxHeapBytes, List<AllocationReport.AllocatedClass> allocations) {
    public LeakReport {
        groups = List.copyOf(groups);
        allocations = List.copyOf(allocations);
    }

    /**
     * Samples of one class that share a path shape (array indices aside). {@code path} is the first sample's
     * path: the object first, then each referrer with how it holds the previous one, up to the root's
     * holder; empty when the recording has no paths. {@code root} describes the GC root, empty when unknown.
     */
    public record Group(String className, long samples, long oldestAllocationNanos, List<String> path, String root,
                        List<String> allocationFrames) {
        public Group {
            path = List.copyOf(path);
            allocationFrames = List.copyOf(allocationFrames);
        }
    }
}
