package io.sashell.redact;

import java.util.List;
import java.util.Optional;

import io.sashell.core.LoadSegment;

/**
 * Where process memory lies in the core file: translates address ranges to the file ranges that hold them,
 * leaving out what the core does not hold (not dumped, or cut off by truncation). Safe for concurrent use.
 */
final class FileLayout {
    private final LoadSegment[] segments;
    private final long[] readable;
    private int last;

    FileLayout(List<LoadSegment> segments, long fileLength) {
        this.segments = segments.stream()
                .sorted((a, b) -> Long.compareUnsigned(a.vaddr(), b.vaddr()))
                .toArray(LoadSegment[]::new);
        this.readable = new long[this.segments.length];
        for (int i = 0; i < this.segments.length; i++) {
            LoadSegment s = this.segments[i];
            long present = Math.max(0, fileLength - s.fileOffset());
            readable[i] = Math.max(0, Math.min(Math.min(s.fileSize(), s.memSize()), present));
        }
    }

    List<LoadSegment> segments() {
        return List.of(segments);
    }

    /** Bytes of {@code s} the file holds (from its start). */
    long readableSize(LoadSegment s) {
        long present = readable[indexOf(s.vaddr())];
        return present;
    }

    /** The segment holding {@code address}, if any. */
    Optional<LoadSegment> segmentAt(long address) {
        int i = indexOf(address);
        return i < 0 ? Optional.empty() : Optional.of(segments[i]);
    }

    private int indexOf(long address) {
        // A hint shared by the threads of a parallel walk: read once, validated before use.
        int hint = last;
        if (hint < segments.length && segments[hint].contains(address)) {
            return hint;
        }
        int lo = 0;
        int hi = segments.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(segments[mid].vaddr(), address) <= 0) {
                if (segments[mid].contains(address)) {
                    last = mid;
                    return mid;
                }
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /**
     * Adds the file ranges holding [start, end) of process memory to {@code out}, for the bytes the file
     * holds; ranges running over several segments are split. {@code writableOnly} skips read-only segments.
     */
    void addMemory(long start, long end, RegionKind kind, ZeroRanges out, boolean writableOnly) {
        long a = start;
        while (Long.compareUnsigned(a, end) < 0) {
            int i = indexOf(a);
            if (i < 0) {
                i = firstAbove(a);
                if (i < 0 || Long.compareUnsigned(segments[i].vaddr(), end) >= 0) {
                    return;
                }
                a = segments[i].vaddr();
            }
            LoadSegment s = segments[i];
            long segEnd = s.end();
            long to = Long.compareUnsigned(segEnd, end) < 0 ? segEnd : end;
            if (!writableOnly || s.isWritable()) {
                long within = a - s.vaddr();
                long present = Math.min(to - s.vaddr(), readable[i]);
                if (present > within) {
                    out.add(s.fileOffset() + within, s.fileOffset() + present, kind);
                }
            }
            a = to;
        }
    }

    private int firstAbove(long address) {
        int lo = 0;
        int hi = segments.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(segments[mid].vaddr(), address) > 0) {
                found = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return found;
    }
}
