package io.sashell.redact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * Copies the core into a new file with the planned ranges zeroed, in one sequential pass: read a chunk,
 * zero the ranges in it, write it. Blocks that end up all zero are not written but left as holes, so the copy
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
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer zero = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(output, StandardOpenOption.WRITE)) {
            long length = in.size();
            int r = 0;
            long[] starts = ranges.starts();
            long[] ends = ranges.ends();
            int count = ranges.count();
            for (long pos = 0; pos < length; pos += CHUNK) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
                int n = (int) Math.min(CHUNK, length - pos);
                buf.clear().limit(n);
                while (buf.hasRemaining()) {
                    if (in.read(buf, pos + buf.position()) < 0) {
                        throw new IOException(input + ": the file shrank while it was copied");
                    }
                }
                long chunkEnd = pos + n;
                while (r < count && starts[r] < chunkEnd) {
                    long from = Math.max(starts[r], pos);
                    long to = Math.min(ends[r], chunkEnd);
                    if (to > from) {
                        buf.put((int) (from - pos), zero, 0, (int) (to - from));
                    }
                    if (ends[r] <= chunkEnd) {
                        r++;
                    } else {
                        break;
                    }
                }
                writeSparse(out, buf, n, pos, zero);
                progress.accept(chunkEnd);
            }
            if (out.size() < length) {
                // The copy ends in a hole: one byte at the end gives the file its length.
                out.write(ByteBuffer.allocate(1), length - 1);
            }
            out.force(true);
        }
    }

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
