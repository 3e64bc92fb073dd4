package io.sashell.redact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

import io.sashell.core.BackgroundFlush;

/**
 * Copies the core into a new file with the planned ranges zeroed, in one sequential pass over the input, chunk by
 * chunk: blocks wholly inside a planned range are skipped (not even read), the others are read into a buffer,
 * zeroed there where planned and written. Blocks that are all zero are not written but left as holes, so the copy
 * is sparse where the core was (kernel cores skip unpopulated pages) and where redaction zeroed whole blocks.
 */
final class RedactedCopyWriter {
    static final int CHUNK = 8 << 20;
    static final int BLOCK = 64 << 10;

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
            // One copying thread: on this machine (2 cores, page cache warm) two writers were no faster, the copy
            // being bound by the kernel's page-cache copies (buffered writes to one file take its inode's lock).
            try (BackgroundFlush flusher = new BackgroundFlush(out)) {
                copyPart(in, out, 0, length, ranges, n -> progress.accept(done[0] += n), flusher);
                if (out.size() < length) {
                    // The copy ends in a hole: one byte at the end gives the file its length.
                    out.write(ByteBuffer.allocate(1), length - 1);
                }
                flusher.finish();
            }
            out.force(true);
        }
    }

    /**
     * Copies [from, to) of the input, zeroing the planned ranges in it. Blocks that lie wholly in a planned range
     * are neither read nor written (they become holes): free heap regions are most of a core's zeroed bytes, and
     * most of them are holes in the input too. The rest is read with positional reads into one buffer per chunk.
     */
    private static void copyPart(FileChannel in, FileChannel out, long from, long to, ZeroRanges.Disjoint ranges,
                                 LongConsumer copied, BackgroundFlush flusher) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer zero = ByteBuffer.allocateDirect(CHUNK);
        long[] starts = ranges.starts();
        long[] ends = ranges.ends();
        int count = ranges.count();
        int blocks = CHUNK / BLOCK;
        boolean[] covered = new boolean[blocks];
        int r = firstEndingAfter(ends, count, from);
        for (long pos = from; pos < to; pos += CHUNK) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted");
            }
            int n = (int) Math.min(CHUNK, to - pos);
            long chunkEnd = pos + n;
            while (r < count && ends[r] <= pos) {
                r++;
            }
            // Which blocks a single range covers whole.
            int k = r;
            for (int b = 0; b * BLOCK < n; b++) {
                long bs = pos + (long) b * BLOCK;
                long be = Math.min(bs + BLOCK, chunkEnd);
                while (k < count && ends[k] <= bs) {
                    k++;
                }
                covered[b] = k < count && starts[k] <= bs && ends[k] >= be;
            }
            // Read the runs of blocks that are not covered.
            for (int b = 0; b * BLOCK < n; ) {
                if (covered[b]) {
                    b++;
                    continue;
                }
                int e = b;
                while (e * BLOCK < n && !covered[e]) {
                    e++;
                }
                int a = b * BLOCK;
                int z = Math.min(e * BLOCK, n);
                readFully(in, scratch.clear().limit(z).position(a), pos + a);
                b = e;
            }
            scratch.clear();
            // Zero the planned bytes of the blocks read (skipped blocks are never written).
            for (int j = r; j < count && starts[j] < chunkEnd; j++) {
                long a = Math.max(starts[j], pos);
                long b = Math.min(ends[j], chunkEnd);
                while (a < b) {
                    int block = (int) ((a - pos) / BLOCK);
                    long end = Math.min(b, pos + (long) (block + 1) * BLOCK);
                    if (!covered[block]) {
                        scratch.put((int) (a - pos), zero, 0, (int) (end - a));
                    }
                    a = end;
                }
            }
            flusher.written(writeSparse(out, scratch, n, pos, zero, covered));
            copied.accept(n);
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buf, long pos) throws IOException {
        long at = pos;
        while (buf.hasRemaining()) {
            int got = in.read(buf, at);
            if (got < 0) {
                throw new IOException("the core ended while it was copied (at offset " + at + ")");
            }
            at += got;
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

    /**
     * Writes the first {@code n} bytes of {@code buf} at {@code pos}, leaving all-zero blocks as holes.
     *
     * @return the bytes written
     */
    private static long writeSparse(FileChannel out, ByteBuffer buf, int n, long pos, ByteBuffer zero,
                                    boolean[] covered) throws IOException {
        int runStart = -1;
        long written = 0;
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            boolean empty = covered[b / BLOCK] || buf.slice(b, len).mismatch(zero.slice(0, len)) < 0;
            if (!empty && runStart < 0) {
                runStart = b;
            } else if (empty && runStart >= 0) {
                write(out, buf, runStart, b, pos);
                written += b - runStart;
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            write(out, buf, runStart, n, pos);
            written += n - runStart;
        }
        return written;
    }

    private static void write(FileChannel out, ByteBuffer buf, int from, int to, long pos) throws IOException {
        ByteBuffer part = buf.slice(from, to - from);
        while (part.hasRemaining()) {
            out.write(part, pos + from + part.position());
        }
    }
}
