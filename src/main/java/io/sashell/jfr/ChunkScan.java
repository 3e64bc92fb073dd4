package io.sashell.jfr;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a recording file's framing says, read by {@link ChunkScanner} without JMC: its chunks, which of them
 * are whole, and per event type how many events and how many bytes the whole chunks hold. {@code types} is
 * empty when the file is compressed or of a format whose events this reader does not walk (format 1).
 * {@code damage} describes the bytes after the last whole chunk, when there are any.
 */
public record ChunkScan(Path file, long fileBytes, Format format, int major, int minor, List<Chunk> chunks,
                        List<TypeBytes> types, TypeBytes metadata, TypeBytes checkpoints,
                        Optional<String> damage, long lostBytes) {
    public ChunkScan {
        chunks = List.copyOf(chunks);
        types = List.copyOf(types);
    }

    /** How the file is stored. JMC reads every one; only {@link #PLAIN} files have framing this reader walks. */
    public enum Format { PLAIN, GZIP, ZIP, LZ4 }

    /**
     * One chunk: where it starts, its size from its header, and its time span (wall clock, epoch nanos).
     * {@code inProgress}: the JVM was still writing it (a repository chunk of a live or killed process); its
     * header describes it as of its last flush, which is what is read.
     */
    public record Chunk(long offset, long size, long startNanos, long durationNanos, boolean finalChunk,
                        boolean inProgress) {
    }

    /** Count and bytes of one event type (or of the metadata or checkpoint records) in the whole chunks. */
    public record TypeBytes(String name, long count, long bytes) {
    }

    /** Bytes of the whole chunks: the part of the file JMC is given. */
    public long wholeBytes() {
        return chunks.stream().mapToLong(Chunk::size).sum();
    }

    public boolean framingKnown() {
        return format == Format.PLAIN && major == 2;
    }
}
