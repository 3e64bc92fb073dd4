package io.sashell.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * A file whose regions are mapped into memory as {@link Pages}: the index's arrays live here, off the Java
 * heap, so an index larger than the heap still builds and the kernel may drop its clean pages. Regions are
 * appended at 8-byte aligned offsets after a reserved header. Created with mode 0600.
 */
final class RegionFile implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final int pageShift;
    private long end;

    private RegionFile(Path path, FileChannel channel, int pageShift, long start) {
        this.path = path;
        this.channel = channel;
        this.pageShift = pageShift;
        this.end = start;
    }

    /** A new file at {@code path} (which must not exist), mode 0600, regions from {@code headerBytes} on. */
    static RegionFile create(Path path, int pageShift, long headerBytes) throws IOException {
        FileChannel ch = FileChannel.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        return new RegionFile(path, ch, pageShift, headerBytes);
    }

    /**
     * A file that exists only while open: made in {@code dir} and unlinked at once, so nothing of it stays on
     * disk, even when the process dies.
     */
    static RegionFile anonymous(Path dir, int pageShift, long headerBytes) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(".sa-shell-scratch-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            try {
                RegionFile f = create(p, pageShift, headerBytes);
                Files.deleteIfExists(p);
                return f;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    /** The file's length once every region is written. */
    long end() {
        return end;
    }

    /** Maps a new zeroed region of {@code bytes} bytes at the end of the file; returns it and its offset. */
    Region allocate(long bytes) throws IOException {
        long offset = end;
        long size = (bytes + 7) & ~7L;
        end = offset + size;
        return new Region(offset, map(channel, FileChannel.MapMode.READ_WRITE, offset, size, pageShift));
    }

    /** A mapped region: its file offset and its pages. */
    record Region(long offset, Pages pages) {
    }

    void write(long offset, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            offset += channel.write(bytes, offset);
        }
    }

    /** Grows the file to {@link #end()} (regions mapped past the end were written but the size may lag). */
    void finish() throws IOException {
        if (channel.size() < end) {
            write(end - 1, ByteBuffer.wrap(new byte[1]));
        }
        channel.force(true);
    }

    /** Maps {@code size} bytes of the channel from {@code offset} as pages of {@code 2^pageShift} bytes. */
    static Pages map(FileChannel channel, FileChannel.MapMode mode, long offset, long size, int pageShift)
            throws IOException {
        long pageSize = 1L << pageShift;
        int count = (int) ((size + pageSize - 1) >>> pageShift);
        ByteBuffer[] buffers = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long from = (long) i << pageShift;
            buffers[i] = channel.map(mode, offset + from, Math.min(pageSize, size - from));
        }
        return new Pages(buffers, pageShift, size);
    }

    /**
     * Drops the file's pages from memory (it is cut to length 0) and closes it: for scratch files whose regions
     * are no longer read. A read of a region afterwards fails.
     */
    void release() throws IOException {
        channel.truncate(0);
        channel.close();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
