package io.sashell.redact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * Copies the core into a new file with the planned ranges zeroed, in one sequential pass over the input mapped
 * read-only: a chunk without planned ranges is written straight from the mapping, a chunk with ranges is copied
 * to a buffer, zeroed there and written. Blocks that are all zero are not written but left as holes, so the
 * copy is sparse where the core was (kernel cores skip unpopulated pages) and where redaction zeroed whole
 * blocks; holes of the input read as the shared zero page, which costs no copying.
 */
final class RedactedCopyWriter {
    static final int CHUNK = 8 << 20;
    static final int BLOCK = 64 << 10;
    private static final long WINDOW = 1L << 30;

    private RedactedCopyWriter() {
    }

    /**
     * Writes {@code input} with {@code ranges} zeroed to {@code output} (which exists, empty).
     *
     * @param progress told the bytes copied so far after each chunk
     * @throws CancellationException when the thread is interrupted (the partial output is the caller's to delete)
     */
    static void copy(Path input, Path output, ZeroRanges.Disjoint ranges, LongConsumer progress) throws IOException {
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(output, StandardOpenOption.WRITE)) {
            long length = in.size();
            long[] done = new long[1];
            // One thread: on this machine (2 cores, page cache warm) two writers were no faster, the copy being
            // bound by the kernel's page-cache copies and the final fsync.
            copyPart(in, out, 0, length, ranges, n -> progress.accept(done[0] += n));
            if (out.size() < length) {
                // The copy ends in a hole: one byte at the end gives the file its length.
                out.write(ByteBuffer.allocate(1), length - 1);
            }
            out.force(true);
        }
    }

    /** Copies [from, to) of the input (whole chunks but maybe the last), zeroing the planned ranges in it. */
    private static void copyPart(FileChannel in, FileChannel out, long from, long to, ZeroRanges.Disjoint ranges,
                                 LongConsumer copied) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer zero = ByteBuffer.allocateDirect(CHUNK);
        long[] starts = ranges.starts();
        long[] ends = ranges.ends();
        int count = ranges.count();
        int r = firstEndingAfter(ends, count, from);
        for (long window = from; window < to; window += WINDOW) {
            MappedByteBuffer map = in.map(FileChannel.MapMode.READ_ONLY, window, Math.min(WINDOW, to - window));
            for (int at = 0; at < map.capacity(); at += CHUNK) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("interrupted");
                }
                int n = Math.min(CHUNK, map.capacity() - at);
                long pos = window + at;
                long chunkEnd = pos + n;
                while (r < count && ends[r] <= pos) {
                    r++;
                }
                ByteBuffer data;
                if (r < count && starts[r] < chunkEnd) {
                    scratch.clear();
                    scratch.put(0, map, at, n);
                    for (int k = r; k < count && starts[k] < chunkEnd; k++) {
                        long a = Math.max(starts[k], pos);
                        long b = Math.min(ends[k], chunkEnd);
                        scratch.put((int) (a - pos), zero, 0, (int) (b - a));
                    }
                    data = scratch;
                } else {
                    data = map.slice(at, n);
                }
                writeSparse(out, data, n, pos, zero);
                copied.accept(n);
            }
        }
    }

    /** The first range ending after {@code offset}. */
    private static int firstEndingAfter(long[] ends, int count, long offset) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Writes the first {@code n} bytes of {@code buf} at {@code pos}, leaving all-zero blocks as holes. */
    private static void writeSparse(FileChannel out, ByteBuffer buf, int n, long pos, ByteBuffer zero)
            throws IOException {
        int runStart = -1;
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            boolean empty = buf.slice(b, len).mismatch(zero.slice(0, len)) < 0;
            if (!empty && runStart < 0) {
                runStart = b;
            } else if (empty && runStart >= 0) {
                write(out, buf, runStart, b, pos);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            write(out, buf, runStart, n, pos);
        }
    }

    private static void write(FileChannel out, ByteBuffer buf, int from, int to, long pos) throws IOException {
        ByteBuffer part = buf.slice(from, to - from);
        while (part.hasRemaining()) {
            out.write(part, pos + from + part.position());
        }
    }
}
