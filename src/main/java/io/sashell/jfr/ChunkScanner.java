package io.sashell.jfr;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the framing of a recording file the way the JDK's {@code jfr summary} does: chunk headers, the
 * metadata event of each chunk (for the names of the type ids), then every record's size and type id. JMC's
 * items carry no sizes, and JMC silently drops a cut chunk; this reader says which chunks are whole and what
 * follows them. Cost: one sequential pass over the file, no event is decoded.
 */
public final class ChunkScanner {
    static final int HEADER_SIZE = 68;
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    private static final int FEATURE_COMPRESSED_INTS = 1;
    private static final int FEATURE_FINAL_CHUNK = 2;
    private static final long METADATA_ID = 0;
    private static final long CHECKPOINT_ID = 1;

    private ChunkScanner() {
    }

    public static ChunkScan scan(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new JfrException(file + ": empty file, not a flight recording");
            }
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEADER_SIZE));
            readFully(ch, head, 0);
            byte[] first = new byte[Math.min(4, head.limit())];
            head.get(0, first);
            ChunkScan.Format format = format(first);
            if (format == null) {
                throw new JfrException(file + ": not a flight recording: it starts with " + hex(first)
                        + ", not JFR's magic bytes 46 4c 52 00 (FLR)");
            }
            if (format != ChunkScan.Format.PLAIN) {
                return new ChunkScan(file, size, format, 0, 0, List.of(), List.of(), none("metadata"),
                        none("checkpoint"), Optional.empty(), 0);
            }
            return scanPlain(file, ch, size);
        } catch (NoSuchFileException e) {
            throw new JfrException(file + ": no such file", e);
        } catch (IOException e) {
            throw new JfrException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ChunkScan scanPlain(Path file, FileChannel ch, long size) throws IOException {
        List<ChunkScan.Chunk> chunks = new ArrayList<>();
        Map<String, long[]> types = new LinkedHashMap<>();
        long[] metadata = new long[2];
        long[] checkpoints = new long[2];
        int major = 0;
        int minor = 0;
        String damage = null;
        long pos = 0;
        while (pos < size) {
            int index = chunks.size() + 1;
            long left = size - pos;
            if (left < HEADER_SIZE) {
                damage = String.format(Locale.ROOT, "chunk %d at byte %,d is cut inside its header (%,d bytes left)",
                        index, pos, left);
                break;
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE);
            readFully(ch, h, pos);
            byte[] magic = new byte[4];
            h.get(0, magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                damage = String.format(Locale.ROOT, "the %,d bytes at byte %,d are not a chunk (no FLR magic)",
                        left, pos);
                break;
            }
            int chunkMajor = h.getShort(4) & 0xffff;
            int chunkMinor = h.getShort(6) & 0xffff;
            if (chunks.isEmpty()) {
                major = chunkMajor;
                minor = chunkMinor;
            }
            long chunkSize = h.getLong(8);
            long metadataOffset = h.getLong(24);
            long startNanos = h.getLong(32);
            long durationNanos = h.getLong(40);
            int features = h.getInt(64);
            // The file state byte is 0 once the chunk is finished; while the JVM writes, it counts flushes.
            boolean inProgress = h.get(64) != 0;
            if (chunkSize < HEADER_SIZE || chunkSize > left) {
                damage = chunkSize < HEADER_SIZE
                        ? String.format(Locale.ROOT, "chunk %d at byte %,d was never finished (its header gives no "
                                + "size: the JVM was still writing it); its %,d bytes are not read", index, pos, left)
                        : String.format(Locale.ROOT, "chunk %d at byte %,d is cut: %,d of its %,d bytes are in the "
                                + "file; its events are lost", index, pos, left, chunkSize);
                break;
            }
            if (chunkSize > Integer.MAX_VALUE) {
                damage = String.format(Locale.ROOT, "chunk %d at byte %,d claims %,d bytes, more than sa-shell "
                        + "reads in one chunk", index, pos, chunkSize);
                break;
            }
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, pos, chunkSize);
            if (chunkMajor == 2) {
                boolean compressed = (features & FEATURE_COMPRESSED_INTS) != 0;
                String problem = walkEvents(buf, metadataOffset, compressed, types, metadata, checkpoints);
                if (problem != null) {
                    damage = String.format(Locale.ROOT, "chunk %d at byte %,d is corrupt: %s", index, pos, problem);
                    break;
                }
            }
            chunks.add(new ChunkScan.Chunk(pos, chunkSize, startNanos, durationNanos,
                    (features & FEATURE_FINAL_CHUNK) != 0, inProgress));
            pos += chunkSize;
            if (inProgress) {
                damage = pos < size
                        ? String.format(Locale.ROOT, "chunk %d was still being written: it is read as of its last "
                                + "flush (%,d bytes); the %,d bytes written after that are lost", index, chunkSize,
                                size - pos)
                        : String.format(Locale.ROOT, "chunk %d was still being written: it is read as of its last "
                                + "flush (%,d bytes)", index, chunkSize);
                break;
            }
        }
        List<ChunkScan.TypeBytes> rows = new ArrayList<>();
        if (major == 2) {
            types.forEach((name, v) -> rows.add(new ChunkScan.TypeBytes(name, v[0], v[1])));
        }
        return new ChunkScan(file, size, ChunkScan.Format.PLAIN, major, minor, chunks, rows,
                new ChunkScan.TypeBytes("metadata", metadata[0], metadata[1]),
                new ChunkScan.TypeBytes("checkpoint", checkpoints[0], checkpoints[1]),
                Optional.ofNullable(damage), size - pos);
    }

    /**
     * Counts every record of one chunk by type. Returns null, or what is wrong; a chunk that is wrong is not
     * counted at all (its partial counts are discarded by the caller's break, so they are kept apart here).
     */
    private static String walkEvents(ByteBuffer chunk, long metadataOffset, boolean compressed,
                                     Map<String, long[]> types, long[] metadata, long[] checkpoints) {
        Map<Long, String> names;
        try {
            names = typeNames(chunk, metadataOffset, compressed);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return "its metadata cannot be read";
        }
        Map<String, long[]> counted = new HashMap<>();
        long[] meta = new long[2];
        long[] cp = new long[2];
        int end = chunk.limit();
        int pos = HEADER_SIZE;
        while (pos < end) {
            chunk.position(pos);
            long size;
            long typeId;
            try {
                size = compressed ? readVarLong(chunk) : chunk.getInt();
                typeId = compressed ? readVarLong(chunk) : chunk.getLong();
            } catch (BufferUnderflowException e) {
                return String.format(Locale.ROOT, "the record at chunk offset %,d runs past the chunk's end", pos);
            }
            if (size <= 0 || pos + size > end) {
                return String.format(Locale.ROOT, "the record at chunk offset %,d has size %,d", pos, size);
            }
            if (typeId == METADATA_ID) {
                meta[0]++;
                meta[1] += size;
            } else if (typeId == CHECKPOINT_ID) {
                cp[0]++;
                cp[1] += size;
            } else {
                String name = names.getOrDefault(typeId, "type id " + typeId);
                long[] v = counted.computeIfAbsent(name, k -> new long[2]);
                v[0]++;
                v[1] += size;
            }
            pos += (int) size;
        }
        counted.forEach((name, v) -> {
            long[] total = types.computeIfAbsent(name, k -> new long[2]);
            total[0] += v[0];
            total[1] += v[1];
        });
        metadata[0] += meta[0];
        metadata[1] += meta[1];
        checkpoints[0] += cp[0];
        checkpoints[1] += cp[1];
        return null;
    }

    /** Type id → name from the chunk's metadata event: its string table, then an element tree of "class" nodes. */
    static Map<Long, String> typeNames(ByteBuffer chunk, long metadataOffset, boolean compressed) {
        if (metadataOffset < HEADER_SIZE || metadataOffset >= chunk.limit()) {
            throw new IllegalArgumentException("metadata offset " + metadataOffset);
        }
        chunk.position((int) metadataOffset);
        readInt(chunk, compressed); // size
        long id = readLong(chunk, compressed);
        if (id != METADATA_ID) {
            throw new IllegalArgumentException("no metadata event at " + metadataOffset);
        }
        readLong(chunk, compressed); // start time
        readLong(chunk, compressed); // duration
        readLong(chunk, compressed); // metadata id
        int count = readInt(chunk, compressed);
        if (count < 0 || count > chunk.remaining()) {
            throw new IllegalArgumentException("string count " + count);
        }
        List<String> pool = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pool.add(readString(chunk, compressed));
        }
        Map<Long, String> names = new HashMap<>();
        readElement(chunk, compressed, pool, names, 0);
        return names;
    }

    private static void readElement(ByteBuffer b, boolean compressed, List<String> pool, Map<Long, String> names,
                                    int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("metadata nested too deep");
        }
        String element = pool.get(readInt(b, compressed));
        int attributes = readInt(b, compressed);
        String name = null;
        String id = null;
        for (int i = 0; i < attributes; i++) {
            String key = pool.get(readInt(b, compressed));
            String value = pool.get(readInt(b, compressed));
            if (key.equals("name")) {
                name = value;
            } else if (key.equals("id")) {
                id = value;
            }
        }
        if (element.equals("class") && name != null && id != null) {
            names.put(Long.parseLong(id), name);
        }
        int children = readInt(b, compressed);
        for (int i = 0; i < children; i++) {
            readElement(b, compressed, pool, names, depth + 1);
        }
    }

    private static String readString(ByteBuffer b, boolean compressed) {
        int encoding = b.get();
        switch (encoding) {
            case 0:
                return null;
            case 1:
                return "";
            case 3:
            case 5: {
                int n = readInt(b, compressed);
                byte[] bytes = new byte[n];
                b.get(bytes);
                return new String(bytes, encoding == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }
            case 4: {
                int n = readInt(b, compressed);
                StringBuilder s = new StringBuilder(n);
                for (int i = 0; i < n; i++) {
                    s.append((char) readInt(b, compressed));
                }
                return s.toString();
            }
            default:
                throw new IllegalArgumentException("string encoding " + encoding);
        }
    }

    private static int readInt(ByteBuffer b, boolean compressed) {
        return compressed ? (int) readVarLong(b) : b.getInt();
    }

    private static long readLong(ByteBuffer b, boolean compressed) {
        return compressed ? readVarLong(b) : b.getLong();
    }

    /** JFR's variable-length integer: 7 bits a byte, low bits first, the ninth byte whole. */
    static long readVarLong(ByteBuffer b) {
        long result = 0;
        for (int i = 0; i < 8; i++) {
            byte x = b.get();
            result |= (x & 0x7FL) << (7 * i);
            if (x >= 0) {
                return result;
            }
        }
        return result | ((b.get() & 0xFFL) << 56);
    }

    private static ChunkScan.Format format(byte[] first) {
        if (first.length >= 4 && java.util.Arrays.equals(first, MAGIC)) {
            return ChunkScan.Format.PLAIN;
        }
        if (first.length >= 2 && (first[0] & 0xff) == 0x1f && (first[1] & 0xff) == 0x8b) {
            return ChunkScan.Format.GZIP;
        }
        if (first.length >= 4 && first[0] == 'P' && first[1] == 'K' && first[2] == 3 && first[3] == 4) {
            return ChunkScan.Format.ZIP;
        }
        if (first.length >= 4 && (first[0] & 0xff) == 0x04 && (first[1] & 0xff) == 0x22 && (first[2] & 0xff) == 0x4d
                && (first[3] & 0xff) == 0x18) {
            return ChunkScan.Format.LZ4;
        }
        return null;
    }

    private static ChunkScan.TypeBytes none(String name) {
        return new ChunkScan.TypeBytes(name, 0, 0);
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte x : bytes) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
        buf.flip();
    }

    /** True when the file starts like a recording (plain or compressed): cheap, for discovery. */
    public static boolean looksLikeRecording(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] first = in.readNBytes(4);
            return format(first) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
