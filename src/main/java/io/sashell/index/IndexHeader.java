package io.sashell.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The first bytes of an index file: what it indexes, how its arrays decode, and where each array lies.
 *
 * <pre>
 * offset 0   8 bytes  magic "SASHIDX" 0x1A
 *        8   int      format version ({@link #VERSION})
 *       12   int      body length L
 *       16   L bytes  body (DataOutput, big-endian): identity, counts, oop decoding, sections
 *    16+L    int      CRC32C of the body
 * </pre>
 * The header region is {@link #RESERVED} bytes; the arrays follow. The file's length is in the body, so a
 * truncated file is told from a whole one without reading it all.
 */
public record IndexHeader(
        CoreIdentity identity,
        String vmRelease,
        long builtAtMillis,
        long buildMillis,
        long objectCount,
        long edgeCount,
        long weakEdgeCount,
        int klassCount,
        int rootCount,
        int heapOopSize,
        long oopBase,
        int oopShift,
        int objectAlignment,
        long addressBase,
        int addressShift,
        int bucketShift,
        int arrayLengthOffset,
        int mirrorKlassOffset,
        int mirrorArrayKlassOffset,
        long fileLength,
        Map<Section, SectionInfo> sections) {

    /**
     * Bumped whenever the layout of the file or the meaning of what it holds changes (4: an {@code oopShift} of
     * -1 marks generational ZGC's coloured pointers, see {@link OopDecoder}; forwardings section).
     */
    public static final int VERSION = 5;
    static final byte[] MAGIC = {'S', 'A', 'S', 'H', 'I', 'D', 'X', 0x1A};
    /** Bytes reserved for the header before the first array. */
    static final int RESERVED = 8192;

    /** The arrays and tables of an index file. */
    public enum Section {
        /** id → (address − addressBase) >> addressShift, ascending. */
        ADDRESSES,
        /** id → klass index. */
        KLASS_IDS,
        /** id → size in 8-byte words. */
        SIZES,
        /** address bucket → first id at or above the bucket's start: address → id in a few steps. */
        BUCKETS,
        /** id → first outbound edge (CSR offsets, N+1 values). */
        OUT_OFFSETS,
        /** outbound edge → target id, grouped by source. */
        OUT_TARGETS,
        IN_OFFSETS,
        /** inbound edge → source id, grouped by target, ascending within a target. */
        IN_TARGETS,
        /** referent edges by source: source ids ascending, and their targets. */
        WEAK_SOURCES,
        WEAK_TARGETS,
        /** referent edges by target: target ids ascending, and their sources. */
        WEAK_IN_TARGETS,
        WEAK_IN_SOURCES,
        /** id → 0 unreached, 1 a root, parent id + 2: the breadth-first tree from the roots (strong edges). */
        PARENTS,
        KLASSES,
        MIRRORS,
        ROOTS,
        PROBLEMS,
        /** generational ZGC's forwarding entries, for stale coloured pointers ({@link OopDecoder}); else empty. */
        FORWARDINGS
    }

    /** Where one section lies: byte offset and length in the file; for packed arrays length and bits. */
    public record SectionInfo(long offset, long bytes, long length, int bits) {
    }

    public IndexHeader {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(vmRelease, "vmRelease");
        sections = Map.copyOf(sections);
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(body);
            d.writeLong(identity.size());
            d.writeLong(identity.mtimeMillis());
            d.writeUTF(identity.notesDigest());
            d.writeUTF(vmRelease);
            d.writeLong(builtAtMillis);
            d.writeLong(buildMillis);
            d.writeLong(objectCount);
            d.writeLong(edgeCount);
            d.writeLong(weakEdgeCount);
            d.writeInt(klassCount);
            d.writeInt(rootCount);
            d.writeInt(heapOopSize);
            d.writeLong(oopBase);
            d.writeInt(oopShift);
            d.writeInt(objectAlignment);
            d.writeLong(addressBase);
            d.writeInt(addressShift);
            d.writeInt(bucketShift);
            d.writeInt(arrayLengthOffset);
            d.writeInt(mirrorKlassOffset);
            d.writeInt(mirrorArrayKlassOffset);
            d.writeLong(fileLength);
            d.writeInt(sections.size());
            for (Section s : Section.values()) {
                SectionInfo info = sections.get(s);
                if (info != null) {
                    d.writeUTF(s.name());
                    d.writeLong(info.offset());
                    d.writeLong(info.bytes());
                    d.writeLong(info.length());
                    d.writeInt(info.bits());
                }
            }
            d.flush();
            byte[] b = body.toByteArray();
            CRC32C crc = new CRC32C();
            crc.update(b);
            ByteBuffer out = ByteBuffer.allocate(16 + b.length + 4);
            out.put(MAGIC).putInt(VERSION).putInt(b.length).put(b).putInt((int) crc.getValue());
            if (out.capacity() > RESERVED) {
                throw new IllegalStateException("index header of " + out.capacity() + " bytes exceeds " + RESERVED);
            }
            return out.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a file is not a usable index: thrown by {@link #decode}. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason);
        }
    }

    /** Reads a header from the first bytes of a file ({@link #RESERVED} or fewer when the file is shorter). */
    static IndexHeader decode(ByteBuffer bytes) throws Rejected {
        if (bytes.remaining() < 16) {
            throw new Rejected("truncated (no header)");
        }
        byte[] magic = new byte[8];
        bytes.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new Rejected("not an sa-shell index");
        }
        int version = bytes.getInt();
        if (version != VERSION) {
            throw new Rejected("format version " + version + ", this sa-shell reads version " + VERSION);
        }
        int length = bytes.getInt();
        if (length < 0 || length + 4 > bytes.remaining()) {
            throw new Rejected("truncated (header cut short)");
        }
        byte[] body = new byte[length];
        bytes.get(body);
        CRC32C crc = new CRC32C();
        crc.update(body);
        if ((int) crc.getValue() != bytes.getInt()) {
            throw new Rejected("damaged (header checksum)");
        }
        try {
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(body));
            CoreIdentity identity = new CoreIdentity(d.readLong(), d.readLong(), d.readUTF());
            String vm = d.readUTF();
            long builtAt = d.readLong();
            long buildMillis = d.readLong();
            long objects = d.readLong();
            long edges = d.readLong();
            long weak = d.readLong();
            int klasses = d.readInt();
            int roots = d.readInt();
            int oopSize = d.readInt();
            long oopBase = d.readLong();
            int oopShift = d.readInt();
            int alignment = d.readInt();
            long addressBase = d.readLong();
            int addressShift = d.readInt();
            int bucketShift = d.readInt();
            int arrayLengthOffset = d.readInt();
            int mirrorKlassOffset = d.readInt();
            int mirrorArrayKlassOffset = d.readInt();
            long fileLength = d.readLong();
            int count = d.readInt();
            Map<Section, SectionInfo> sections = new EnumMap<>(Section.class);
            for (int i = 0; i < count; i++) {
                Section s = Section.valueOf(d.readUTF());
                sections.put(s, new SectionInfo(d.readLong(), d.readLong(), d.readLong(), d.readInt()));
            }
            return new IndexHeader(identity, vm, builtAt, buildMillis, objects, edges, weak, klasses, roots, oopSize,
                    oopBase, oopShift, alignment, addressBase, addressShift, bucketShift, arrayLengthOffset,
                    mirrorKlassOffset, mirrorArrayKlassOffset, fileLength, sections);
        } catch (IOException | IllegalArgumentException e) {
            throw new Rejected("damaged (header unreadable: " + e.getMessage() + ")");
        }
    }
}
