package io.sashell.redact;

import java.util.List;

/**
 * What a redaction zeroed (or would zero, for a dry run): bytes per kind of region and the counts behind
 * them. Holds no byte of the core's data: only sizes, counts, the level and the user's own patterns.
 *
 * @param coreBytes        length of the core file
 * @param zeroedBytes      bytes set to zero (each byte counted once)
 * @param rows             one row per kind of region, in {@link RegionKind} order, empty kinds left out
 * @param objects          heap objects walked
 * @param primitiveArrays  primitive arrays whose contents were zeroed
 * @param keptArrays       primitive arrays kept by {@code --keep}
 * @param instances        instances whose primitive fields were zeroed ({@code full})
 * @param directBuffers    direct buffers whose memory was zeroed
 * @param threads          threads whose dead stack was zeroed
 * @param searchedStrings  argument and environment strings searched for in native memory
 * @param copiesFound      native copies of them found and zeroed
 * @param mallocHeaps      malloc heaps recognized ({@code full})
 * @param saPagesRead      pages SA read while redaction asked it sa-shell's questions ({@code full}), else -1
 * @param heapDamage       places where the heap walk stopped early (their bytes were zeroed as unwalkable)
 * @param notes            what could not be done, one line each
 */
public record RedactionReport(String level, List<String> keep, long coreBytes, long zeroedBytes, List<Row> rows,
                              long objects, long primitiveArrays, long keptArrays, long instances,
                              long directBuffers, long threads, long searchedStrings, long copiesFound,
                              long mallocHeaps, long saPagesRead, long heapDamage, List<String> notes) {

    public RedactionReport {
        keep = List.copyOf(keep);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** Bytes of one kind of region. */
    public record Row(String kind, String description, long bytes) {
    }

    public long bytes(RegionKind kind) {
        return rows.stream().filter(r -> r.kind().equals(kind.key())).mapToLong(Row::bytes).sum();
    }
}
