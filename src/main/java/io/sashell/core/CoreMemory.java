package io.sashell.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The process memory held by a core, read straight from the file through read-only memory maps (nothing is
 * copied to the Java heap).
 *
 * <p>The file is mapped in slices of at most 1 GB (a {@code ByteBuffer} cannot be larger). Each PT_LOAD
 * segment becomes one or more chunks, cut where a slice ends, each with its own buffer view, so a read is an
 * offset into one view. The chunk of the last read is remembered: a run of reads into one chunk costs one
 * range check and one buffer read, without allocation or exceptions. On a miss a small table indexed by
 * address bits (2 MB granules) usually names the chunk, else a binary search over the chunks sorted by
 * address finds it. Reads that run from one chunk into the next adjacent one work (slower). Bytes of a
 * segment past its file size (not dumped) or past the end of a truncated file are unreadable.
 *
 * <p>Safe for concurrent readers: the remembered chunk and the table are hints that every read checks.
 */
public final class CoreMemory implements MemoryReader {
    static final int DEFAULT_SLICE_SHIFT = 30;
    private static final int GRANULE_SHIFT = 21;
    private static final int GRANULES = 4096;

    private final long[] starts;
    private final long[] memSizes;
    private final long[] readableSizes;
    private final ByteBuffer[] views;
    /** Chunk index by address granule: a hint, validated before use. */
    private final int[] granuleHints = new int[GRANULES];
    /** Index of the chunk the last read used; a racy hint, always validated. */
    private int last;

    CoreMemory(FileChannel channel, List<LoadSegment> segments, long fileLength, int sliceShift)
            throws IOException {
        LoadSegment[] sorted = segments.toArray(new LoadSegment[0]);
        Arrays.sort(sorted, (a, b) -> Long.compareUnsigned(a.vaddr(), b.vaddr()));
        long sliceSize = 1L << sliceShift;
        long dataEnd = 0;
        for (LoadSegment s : sorted) {
            long readable = readable(s, fileLength);
            if (readable > 0) {
                dataEnd = Math.max(dataEnd, s.fileOffset() + readable);
            }
        }
        ByteBuffer[] slices = new ByteBuffer[(int) ((dataEnd + sliceSize - 1) >>> sliceShift)];
        for (int k = 0; k < slices.length; k++) {
            long from = (long) k << sliceShift;
            slices[k] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(sliceSize, fileLength - from));
        }
        List<long[]> chunks = new ArrayList<>();
        List<ByteBuffer> chunkViews = new ArrayList<>();
        for (LoadSegment s : sorted) {
            long readable = readable(s, fileLength);
            long address = s.vaddr();
            long pos = s.fileOffset();
            long left = readable;
            long memLeft = s.memSize();
            do {
                int k = (int) (pos >>> sliceShift);
                long within = pos - ((long) k << sliceShift);
                long n = Math.min(left, sliceSize - within);
                long mem = n < left ? n : memLeft;
                chunks.add(new long[] {address, mem, n});
                chunkViews.add(n > 0 ? slices[k].slice((int) within, (int) n).order(ByteOrder.LITTLE_ENDIAN)
                        : ByteBuffer.allocate(0));
                address += n;
                pos += n;
                left -= n;
                memLeft -= mem;
            } while (left > 0);
        }
        if (chunks.isEmpty()) {
            // One empty sentinel keeps the fast path free of a length check.
            chunks.add(new long[] {0, 0, 0});
            chunkViews.add(ByteBuffer.allocate(0));
        }
        int n = chunks.size();
        starts = new long[n];
        memSizes = new long[n];
        readableSizes = new long[n];
        views = chunkViews.toArray(new ByteBuffer[0]);
        for (int i = 0; i < n; i++) {
            starts[i] = chunks.get(i)[0];
            memSizes[i] = chunks.get(i)[1];
            readableSizes[i] = chunks.get(i)[2];
        }
    }

    private static long readable(LoadSegment s, long fileLength) {
        long present = Math.max(0, fileLength - s.fileOffset());
        return Math.max(0, Math.min(Math.min(s.fileSize(), s.memSize()), present));
    }

    @Override
    public byte readByte(long address) {
        int i = last;
        long off = address - starts[i];
        if (off < 0 || off >= readableSizes[i]) {
            i = readableIndex(address, 1);
            off = address - starts[i];
        }
        return views[i].get((int) off);
    }

    @Override
    public int readInt(long address) {
        int i = last;
        long off = address - starts[i];
        if (off < 0 || off > readableSizes[i] - Integer.BYTES) {
            i = readableIndex(address, Integer.BYTES);
            if (i < 0) {
                return ByteBuffer.wrap(readSpanning(address, Integer.BYTES)).order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
            }
            off = address - starts[i];
        }
        return views[i].getInt((int) off);
    }

    @Override
    public long readLong(long address) {
        int i = last;
        long off = address - starts[i];
        if (off < 0 || off > readableSizes[i] - Long.BYTES) {
            i = readableIndex(address, Long.BYTES);
            if (i < 0) {
                return ByteBuffer.wrap(readSpanning(address, Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN)
                        .getLong();
            }
            off = address - starts[i];
        }
        return views[i].getLong((int) off);
    }

    @Override
    public void read(long address, byte[] into, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, into.length);
        long a = address;
        int done = 0;
        while (done < length) {
            int i = chunkIndex(a);
            long off = i < 0 ? -1 : a - starts[i];
            if (i < 0 || off >= readableSizes[i]) {
                throw new UnreadableMemoryException(a);
            }
            int n = (int) Math.min(readableSizes[i] - off, length - done);
            views[i].get((int) off, into, offset + done, n);
            last = i;
            done += n;
            a += n;
        }
    }

    @Override
    public boolean isReadable(long address, long length) {
        long a = address;
        long left = length;
        while (left > 0) {
            int i = chunkIndex(a);
            if (i < 0) {
                return false;
            }
            long chunkLeft = readableSizes[i] - (a - starts[i]);
            if (chunkLeft <= 0) {
                return false;
            }
            long n = Math.min(chunkLeft, left);
            a += n;
            left -= n;
        }
        return true;
    }

    /**
     * A little-endian read-only view of [address, address + length) straight on the mapped file, for
     * callers that read a stretch many times; empty when those bytes are not all dumped in one piece of
     * the file (not readable, or running across segments or a 1 GB slice of the file).
     */
    public Optional<ByteBuffer> view(long address, int length) {
        int i = chunkIndex(address);
        if (i < 0 || length < 0) {
            return Optional.empty();
        }
        long off = address - starts[i];
        if (off + length > readableSizes[i]) {
            return Optional.empty();
        }
        return Optional.of(views[i].slice((int) off, length).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The NUL-terminated string at {@code address}, decoded as UTF-8, of at most {@code maxBytes} bytes. */
    public String readCString(long address, int maxBytes) {
        byte[] bytes = new byte[maxBytes];
        int n = 0;
        while (n < maxBytes) {
            byte b = readByte(address + n);
            if (b == 0) {
                break;
            }
            bytes[n++] = b;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Index of the chunk whose dumped bytes hold all of [address, address + size), remembered for the next
     * read; -1 when the bytes start in one chunk's dumped bytes and run on into the next; throws when
     * {@code address} itself is unreadable.
     */
    private int readableIndex(long address, int size) {
        int i = readableChunk(address, size);
        if (i >= 0) {
            last = i;
        }
        return i;
    }

    /** The chunk holding all of [address, address + size), or -1 when the read spans chunks. */
    private int readableChunk(long address, int size) {
        int i = chunkIndex(address);
        if (i < 0 || address - starts[i] >= readableSizes[i]) {
            throw new UnreadableMemoryException(address);
        }
        if (address - starts[i] > readableSizes[i] - size) {
            return -1;
        }
        return i;
    }

    @Override
    public MemoryReader forOneThread() {
        return new ThreadReader();
    }

    /**
     * Reads for one thread, remembering the chunk of its own last read: the heap walk's threads each read their
     * part of the heap, often in different chunks, and a shared hint would miss on nearly every read.
     */
    private final class ThreadReader implements MemoryReader {
        private int mine;

        private int chunkFor(long address, int size) {
            int i = mine;
            long off = address - starts[i];
            if (off >= 0 && off <= readableSizes[i] - size) {
                return i;
            }
            i = readableChunk(address, size);
            if (i >= 0) {
                mine = i;
            }
            return i;
        }

        @Override
        public byte readByte(long address) {
            int i = chunkFor(address, 1);
            return views[i].get((int) (address - starts[i]));
        }

        @Override
        public int readInt(long address) {
            int i = chunkFor(address, Integer.BYTES);
            return i < 0 ? CoreMemory.this.readInt(address) : views[i].getInt((int) (address - starts[i]));
        }

        @Override
        public long readLong(long address) {
            int i = chunkFor(address, Long.BYTES);
            return i < 0 ? CoreMemory.this.readLong(address) : views[i].getLong((int) (address - starts[i]));
        }

        @Override
        public void read(long address, byte[] into, int offset, int length) {
            CoreMemory.this.read(address, into, offset, length);
        }

        @Override
        public boolean isReadable(long address, long length) {
            return CoreMemory.this.isReadable(address, length);
        }
    }

    private byte[] readSpanning(long address, int size) {
        byte[] bytes = new byte[size];
        read(address, bytes, 0, size);
        return bytes;
    }

    /** Index of the chunk whose address range holds {@code address} (dumped or not), or -1. */
    private int chunkIndex(long address) {
        int i = last;
        if (contains(i, address)) {
            return i;
        }
        int granule = (int) (address >>> GRANULE_SHIFT) & (GRANULES - 1);
        i = granuleHints[granule];
        if (contains(i, address)) {
            return i;
        }
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || !contains(found, address)) {
            return -1;
        }
        granuleHints[granule] = found;
        return found;
    }

    private boolean contains(int i, long address) {
        return Long.compareUnsigned(address - starts[i], memSizes[i]) < 0;
    }
}
