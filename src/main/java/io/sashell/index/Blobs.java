package io.sashell.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.sashell.sa.RootKind;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassKind;

/**
 * The index's small tables (classes, mirrors, roots, problems) as bytes: DataOutput, enums by name so that
 * reordering a Java enum cannot change what a file means.
 */
final class Blobs {
    /** DataOutput's writeUTF refuses more than 65535 bytes; names and descriptions are far shorter. */
    private static final int MAX_STRING = 8000;

    private Blobs() {
    }

    /** One heap mirror: its object id, the klass index of the class it stands for (-1: primitive), a name. */
    record Mirror(int id, int klass, String name) {
    }

    static byte[] klasses(List<IndexedKlass> klasses) {
        return write(d -> {
            d.writeInt(klasses.size());
            for (IndexedKlass k : klasses) {
                d.writeLong(k.address());
                utf(d, k.name());
                utf(d, k.kind().name());
                utf(d, k.loaderName());
                d.writeLong(k.loader());
                utf(d, k.referenceType().name());
                fields(d, k.referenceFields());
                fields(d, k.staticFields());
                fields(d, k.vmFields());
                d.writeInt(k.arrayHeader());
                d.writeInt(k.mirror());
                d.writeLong(k.count());
                d.writeLong(k.bytes());
                d.writeLong(k.liveCount());
                d.writeLong(k.liveBytes());
                d.writeLong(k.iteratedCount());
                d.writeLong(k.iteratedBytes());
                IndexedKlass.StackChunkLayout c = k.stackChunk();
                d.writeBoolean(c != null);
                if (c != null) {
                    d.writeInt(c.stackOffset());
                    d.writeInt(c.sizeOffset());
                    d.writeInt(c.spOffset());
                }
            }
        });
    }

    static List<IndexedKlass> klasses(byte[] bytes) {
        return read(bytes, d -> {
            int n = d.readInt();
            List<IndexedKlass> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new IndexedKlass(d.readLong(), d.readUTF(), SaKlassKind.valueOf(d.readUTF()), d.readUTF(),
                        d.readLong(), ReferenceType.valueOf(d.readUTF()), fields(d), fields(d), fields(d), d.readInt(),
                        d.readInt(), d.readLong(), d.readLong(), d.readLong(), d.readLong(), d.readLong(), d.readLong(),
                        d.readBoolean() ? new IndexedKlass.StackChunkLayout(d.readInt(), d.readInt(), d.readInt())
                                : null));
            }
            return out;
        });
    }

    private static void fields(DataOutputStream d, List<SaKlassField> fields) throws IOException {
        d.writeInt(fields.size());
        for (SaKlassField f : fields) {
            utf(d, f.name());
            utf(d, f.signature());
            d.writeLong(f.offset());
            utf(d, f.holder());
        }
    }

    private static List<SaKlassField> fields(DataInputStream d) throws IOException {
        int n = d.readInt();
        List<SaKlassField> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new SaKlassField(d.readUTF(), d.readUTF(), d.readLong(), d.readUTF()));
        }
        return out;
    }

    static byte[] mirrors(List<Mirror> mirrors) {
        return write(d -> {
            d.writeInt(mirrors.size());
            for (Mirror m : mirrors) {
                d.writeInt(m.id());
                d.writeInt(m.klass());
                utf(d, m.name());
            }
        });
    }

    static List<Mirror> mirrors(byte[] bytes) {
        return read(bytes, d -> {
            int n = d.readInt();
            List<Mirror> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Mirror(d.readInt(), d.readInt(), d.readUTF()));
            }
            return out;
        });
    }

    static byte[] roots(List<IndexedRoot> roots) {
        return write(d -> {
            d.writeInt(roots.size());
            for (IndexedRoot r : roots) {
                d.writeInt(r.id());
                d.writeLong(r.address());
                utf(d, r.kind().name());
                utf(d, r.description());
                utf(d, r.threadName());
                d.writeLong(r.threadObject());
            }
        });
    }

    static List<IndexedRoot> roots(byte[] bytes) {
        return read(bytes, d -> {
            int n = d.readInt();
            List<IndexedRoot> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new IndexedRoot(d.readInt(), d.readLong(), RootKind.valueOf(d.readUTF()), d.readUTF(),
                        d.readUTF(), d.readLong()));
            }
            return out;
        });
    }

    static byte[] strings(List<String> lines) {
        return write(d -> {
            d.writeInt(lines.size());
            for (String s : lines) {
                utf(d, s);
            }
        });
    }

    static List<String> strings(byte[] bytes) {
        return read(bytes, d -> {
            int n = d.readInt();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(d.readUTF());
            }
            return out;
        });
    }

    private static void utf(DataOutputStream d, String s) throws IOException {
        d.writeUTF(s.length() > MAX_STRING ? s.substring(0, MAX_STRING) + "..." : s);
    }

    private interface Writer {
        void write(DataOutputStream d) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream d) throws IOException;
    }

    private static byte[] write(Writer w) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            w.write(d);
            d.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes do not decode (a damaged file) */
    private static <T> T read(byte[] bytes, Reader<T> r) {
        try {
            return r.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new IllegalArgumentException("damaged table: " + e.getMessage(), e);
        }
    }
}
