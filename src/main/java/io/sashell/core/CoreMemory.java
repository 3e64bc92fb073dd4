package io.sashell.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The process memory held by a core, read straight from the file through read-only memory maps.
 *
 * <p>The file is mapped in slices of at most 1 GB (a {@code ByteBuffer} cannot be larger) that overlap by
 * eight bytes, so a {@code readInt}/{@code readLong} inside one segment never straddles two slices. A segment
 * is found by binary search over the segments sorted by address; the last segment hit is remembered, so
 * the common run of reads into one segment costs two compares and one buffer read, without allocation.
 * Reads that cross from one segment into the next adjacent one work (slow path). Bytes of a segment past
 * its file size (not dumped) or past the end of a truncated file are unreadable.
 *
 * <p>Safe for concurrent readers: the remembered segment is a hint that every read checks.
 */
public final class CoreMemory implements MemoryReader {
    static final int DEFAULT_SLICE_SHIFT = 30;
    private static final int OVERLAP = Long.BYTES;

    private final long[] starts;
    private final long[] memSizes;
    private final long[] readableSizes;
    private final long[] fileOffsets;
    private final ByteBuffer[] slices;
    private final int sliceShift;
    private final long sliceMask;
    /** Index of the segment the last read used; a racy hint, always validated. */
    private int last;

    CoreMemory(FileChannel channel, List<LoadSegment> segments, long fileLength, int sliceShift)
            throws IOException {
        LoadSegment[] sorted = segments.toArray(new LoadSegment[0]);
        Arrays.sort(sorted, (a, b) -> Long.compareUnsigned(a.vaddr(), b.vaddr()));
        int n = Math.max(1, sorted.length);
        // With no segments one empty sentinel keeps the fast path free of a length check.
        starts = new long[n];
        memSizes = new long[n];
        readableSizes = new long[n];
        fileOffsets = new long[n];
        long dataEnd = 0;
        for (int i = 0; i < sorted.length; i++) {
            LoadSegment s = sorted[i];
            starts[i] = s.vaddr();
            memSizes[i] = s.memSize();
            fileOffsets[i] = s.fileOffset();
            long present = Math.max(0, fileLength - s.fileOffset());
            readableSizes[i] = Math.min(Math.min(s.fileSize(), s.memSize()), present);
            if (readableSizes[i] > 0) {
                dataEnd = Math.max(dataEnd, s.fileOffset() + readableSizes[i]);
            }
        }
        this.sliceShift = sliceShift;
        this.sliceMask = (1L << sliceShift) - 1;
        long sliceSize = 1L << sliceShift;
        int sliceCount = (int) ((dataEnd + sliceSize - 1) >>> sliceShift);
        slices = new ByteBuffer[sliceCount];
        for (int k = 0; k < sliceCount; k++) {
            long from = (long) k << sliceShift;
            long size = Math.min(sliceSize + OVERLAP, fileLength - from);
            slices[k] = channel.map(FileChannel.MapMode.READ_ONLY, from, size).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Override
    public byte readByte(long address) {
        int i = last;
        long off = address - starts[i];
        if (off < 0 || off >= readableSizes[i]) {
            i = readableIndex(address, 1);
            off = address - starts[i];
        }
        long pos = fileOffsets[i] + off;
        return slices[(int) (pos >>> sliceShift)].get((int) (pos & sliceMask));
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
        long pos = fileOffsets[i] + off;
        return slices[(int) (pos >>> sliceShift)].getInt((int) (pos & sliceMask));
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
        long pos = fileOffsets[i] + off;
        return slices[(int) (pos >>> sliceShift)].getLong((int) (pos & sliceMask));
    }

    @Override
    public void read(long address, byte[] into, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, into.length);
        long a = address;
        int done = 0;
        while (done < length) {
            int i = segmentIndex(a);
            long segOff = i < 0 ? -1 : a - starts[i];
            if (i < 0 || segOff >= readableSizes[i]) {
                throw new UnreadableMemoryException(a);
            }
            int n = (int) Math.min(readableSizes[i] - segOff, length - done);
            copy(fileOffsets[i] + segOff, into, offset + done, n);
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
            int i = segmentIndex(a);
            if (i < 0) {
                return false;
            }
            long segLeft = readableSizes[i] - (a - starts[i]);
            if (segLeft <= 0) {
                return false;
            }
            long n = Math.min(segLeft, left);
            a += n;
            left -= n;
        }
        return true;
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
     * Index of the segment whose dumped bytes hold all of [address, address + size), remembered for the next
     * read; -1 when the bytes start in one segment's dumped bytes and run on into the next; throws when
     * {@code address} itself is unreadable.
     */
    private int readableIndex(long address, int size) {
        int i = segmentIndex(address);
        if (i < 0 || address - starts[i] >= readableSizes[i]) {
            throw new UnreadableMemoryException(address);
        }
        if (address - starts[i] > readableSizes[i] - size) {
            return -1;
        }
        last = i;
        return i;
    }

    private byte[] readSpanning(long address, int size) {
        byte[] bytes = new byte[size];
        read(address, bytes, 0, size);
        return bytes;
    }

    /** Index of the segment whose address range holds {@code address} (dumped or not), or -1. */
    private int segmentIndex(long address) {
        int i = last;
        long off = address - starts[i];
        if (off >= 0 && off < memSizes[i]) {
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
        if (found < 0 || Long.compareUnsigned(address - starts[found], memSizes[found]) >= 0) {
            return -1;
        }
        return found;
    }

    /** Copies n bytes at file position pos; a bulk read may cross slices. */
    private void copy(long pos, byte[] into, int offset, int n) {
        long p = pos;
        int o = offset;
        int left = n;
        while (left > 0) {
            int k = (int) (p >>> sliceShift);
            int within = (int) (p & sliceMask);
            int m = (int) Math.min(left, (1L << sliceShift) - within);
            slices[k].get(within, into, o, m);
            p += m;
            o += m;
            left -= m;
        }
    }
}
