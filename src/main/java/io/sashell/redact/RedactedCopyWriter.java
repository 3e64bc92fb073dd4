package io.sashell.redact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * Copies the core into a new file with the planned ranges zeroed, in one sequential pass over the input mapped
 * read-only: a chunk without planned ranges is written straight from the mapping, a chunk with ranges is copied
 * to a buffer, zeroed there and written. Blocks that are all zero are not written but left as holes, so the
 * copy is sparse where the core was (kernel cores skip unpopulated pages) and where redaction zeroed whole
 * blocks; holes of the input read as the shared zero page, which costs no copying.
 *
 * <p>Or in two steps that let the copy start before the plan is known: {@link #copyPlain} (the same pass with
 * no ranges), then {@link #patch}, which rewrites only the blocks the plan changes.
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

    /**
     * Copies {@code input} to {@code output} (which exists, empty) unchanged, sparse as {@link #copy} makes it,
     * without forcing it to disk: the first step of copying before the plan is known.
     *
     * @throws CancellationException when the thread is interrupted
     */
    static void copyPlain(Path input, Path output) throws IOException {
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(output, StandardOpenOption.WRITE)) {
            long length = in.size();
            copyPart(in, out, 0, length, ZeroRanges.union(List.of()), n -> { });
            if (out.size() < length) {
                out.write(ByteBuffer.allocate(1), length - 1);
            }
        }
    }

    /**
     * Zeroes {@code ranges} in {@code output}, a {@link #copyPlain} copy of {@code input} (not forced to disk).
     * Only the blocks whose bytes change are written (from the input, zeroed in a buffer): a block already zero
     * (a hole of the copy, or data that is zero where the ranges fall) is left alone, so the copy stays sparse.
     * Cost: one read of each chunk holding a range, one write per changed block.
     *
     * @return the bytes written
     */
    static long patch(Path input, Path output, ZeroRanges.Disjoint ranges) throws IOException {
        long written = 0;
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(output, StandardOpenOption.WRITE)) {
            ByteBuffer original = ByteBuffer.allocateDirect(CHUNK);
            ByteBuffer scratch = ByteBuffer.allocateDirect(CHUNK);
            ByteBuffer zero = ByteBuffer.allocateDirect(CHUNK);
            boolean[] touched = new boolean[CHUNK / BLOCK];
            long[] starts = ranges.starts();
            long[] ends = ranges.ends();
            int count = ranges.count();
            long length = in.size();
            long from = 0;
            int r = 0;
            while (true) {
                while (r < count && ends[r] <= from) {
                    r++;
                }
                if (r == count || starts[r] >= length || from >= length) {
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("interrupted");
                }
                // Chunks start on a block boundary at the next range, or where the previous chunk ended, and end
                // at the block after the last range they hold: a lone range costs one block, not a chunk.
                long pos = Math.max(from, starts[r] / BLOCK * BLOCK);
                long limit = Math.min(pos + CHUNK, length);
                int last = r;
                for (int k = r; k < count && starts[k] < limit; k++) {
                    last = k;
                }
                long chunkEnd = Math.min(limit, (Math.min(ends[last], limit) + BLOCK - 1) / BLOCK * BLOCK);
                int n = (int) (chunkEnd - pos);
                readFully(in, original, pos, n);
                scratch.clear();
                scratch.put(0, original, 0, n);
                Arrays.fill(touched, false);
                for (int k = r; k < count && starts[k] < chunkEnd; k++) {
                    int a = (int) (Math.max(starts[k], pos) - pos);
                    int b = (int) (Math.min(ends[k], chunkEnd) - pos);
                    scratch.put(a, zero, 0, b - a);
                    for (int blk = a / BLOCK; blk <= (b - 1) / BLOCK; blk++) {
                        touched[blk] = true;
                    }
                }
                // Runs of changed blocks, one write each (a write per block costs more than its bytes).
                int runStart = -1;
                for (int at = 0; runStart >= 0 || at < n; at += BLOCK) {
                    boolean changed = at < n && touched[at / BLOCK] && scratch.slice(at, Math.min(BLOCK, n - at))
                            .mismatch(original.slice(at, Math.min(BLOCK, n - at))) >= 0;
                    if (changed && runStart < 0) {
                        runStart = at;
                    } else if (!changed && runStart >= 0) {
                        int runEnd = Math.min(at, n);
                        write(out, scratch, runStart, runEnd, pos);
                        written += runEnd - runStart;
                        runStart = -1;
                    }
                }
                from = chunkEnd;
            }
        }
        return written;
    }

    private static void readFully(FileChannel in, ByteBuffer buf, long pos, int n) throws IOException {
        buf.clear().limit(n);
        while (buf.hasRemaining()) {
            if (in.read(buf, pos + buf.position()) < 0) {
                throw new IOException("the core is shorter than its size while copying");
            }
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
