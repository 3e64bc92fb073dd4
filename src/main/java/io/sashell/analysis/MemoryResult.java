package io.sashell.analysis;

import java.util.List;

/**
 * {@code memory}: the process's address space in the core by kind (question 1: the Java heap, or native
 * memory?). Sizes are of address ranges, not resident memory: a core holds what was mapped, and {@code inCore}
 * says how much of each kind the core file stores (zero pages and file-backed text may be left out).
 */
public record MemoryResult(List<Kind> kinds, List<MappedPath> files, long total, long inCore, long heapReserved,
                           long heapCommitted, long heapUsed, List<Space> spaces, List<String> notes) {
    public MemoryResult {
        kinds = List.copyOf(kinds);
        spaces = List.copyOf(spaces);
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    public record Kind(String kind, long ranges, long bytes, long inCore) {
    }

    public record MappedPath(String path, long ranges, long bytes) {
    }

    /**
     * A native space of the JVM as the JVM counts it: metaspace, class space (the JVM's "Compressed Class
     * Space" pool), code cache. {@code used} is -1 when unknown (the code cache's).
     */
    public record Space(String name, long reserved, long committed, long used) {
    }
}
