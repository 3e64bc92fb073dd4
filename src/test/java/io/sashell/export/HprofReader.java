package io.sashell.export;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An hprof reader for tests, written from the format's description (not from the writer): it parses every
 * record the JDK's heap dumper can write (so it reads jhsdb's files too) and keeps what the tests check.
 * Unknown tags fail: a reader that skipped what it does not know would hide a writer's mistakes.
 */
final class HprofReader {
    record Field(String name, int type) {
    }

    record StaticValue(String name, int type, long value) {
    }

    record ClassDump(long id, long superId, long loaderId, int instanceSize, List<StaticValue> statics,
                     List<Field> fields) {
    }

    record Instance(long id, long classId, byte[] values) {
    }

    record PrimArray(long id, int type, int length, byte[] data) {
    }

    record ObjArray(long id, long classId, long[] elements) {
    }

    record Root(int tag, long object, int threadSerial) {
    }

    record Frame(long id, String method, String signature, int classSerial, int line) {
    }

    record Trace(int serial, int threadSerial, List<Long> frames) {
    }

    String header;
    int idSize;
    final Map<Long, String> strings = new HashMap<>();
    /** class object id → name as LOAD CLASS gives it (internal form). */
    final Map<Long, String> classNames = new LinkedHashMap<>();
    final Map<Integer, Long> classBySerial = new HashMap<>();
    final Map<Long, ClassDump> classes = new LinkedHashMap<>();
    final Map<Long, Instance> instances = new HashMap<>();
    final Map<Long, PrimArray> primArrays = new HashMap<>();
    final Map<Long, ObjArray> objArrays = new HashMap<>();
    final List<Root> roots = new ArrayList<>();
    final Map<Long, Frame> frames = new HashMap<>();
    final List<Trace> traces = new ArrayList<>();
    int segments;
    boolean ended;

    static HprofReader read(Path file) throws IOException {
        HprofReader r = new HprofReader();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            r.parse(in);
        }
        return r;
    }

    private void parse(DataInputStream in) throws IOException {
        StringBuilder h = new StringBuilder();
        for (int c = in.readUnsignedByte(); c != 0; c = in.readUnsignedByte()) {
            h.append((char) c);
        }
        header = h.toString();
        idSize = in.readInt();
        if (idSize != 8) {
            throw new IOException("id size " + idSize);
        }
        in.readLong();
        while (true) {
            int tag;
            try {
                tag = in.readUnsignedByte();
            } catch (EOFException e) {
                return;
            }
            in.readInt();
            long length = Integer.toUnsignedLong(in.readInt());
            switch (tag) {
                case 0x01 -> {
                    long id = in.readLong();
                    byte[] b = new byte[(int) length - 8];
                    in.readFully(b);
                    strings.put(id, new String(b, StandardCharsets.UTF_8));
                }
                case 0x02 -> {
                    int serial = in.readInt();
                    long id = in.readLong();
                    in.readInt();
                    classNames.put(id, strings.get(in.readLong()));
                    classBySerial.put(serial, id);
                }
                case 0x04 -> frames.put(in.readLong(), new Frame(0, strings.get(in.readLong()),
                        strings.get(in.readLong()), skipId(in), in.readInt()));
                case 0x05 -> {
                    int serial = in.readInt();
                    int thread = in.readInt();
                    int n = in.readInt();
                    List<Long> f = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        f.add(in.readLong());
                    }
                    traces.add(new Trace(serial, thread, f));
                }
                case 0x0C, 0x1C -> {
                    segments++;
                    heapDump(in, length);
                }
                case 0x2C -> ended = true;
                default -> {
                    if (tag == 0x0A || tag == 0x0B || tag == 0x0D || tag == 0x0E || tag == 0x03 || tag == 0x06) {
                        in.skipNBytes(length);
                    } else {
                        throw new IOException("unknown record tag 0x" + Integer.toHexString(tag));
                    }
                }
            }
        }
    }

    /** Skips a source-file id and returns the class serial that follows it. */
    private static int skipId(DataInputStream in) throws IOException {
        in.readLong();
        return in.readInt();
    }

    private void heapDump(DataInputStream in, long length) throws IOException {
        CountingInput c = new CountingInput(in);
        DataInputStream d = new DataInputStream(c);
        while (c.count < length) {
            int sub = d.readUnsignedByte();
            switch (sub) {
                case 0xFF, 0x05, 0x07 -> roots.add(new Root(sub, d.readLong(), 0));
                case 0x01 -> {
                    roots.add(new Root(sub, d.readLong(), 0));
                    d.readLong();
                }
                case 0x02, 0x03, 0x08 -> {
                    long obj = d.readLong();
                    int thread = d.readInt();
                    d.readInt();
                    roots.add(new Root(sub, obj, thread));
                }
                case 0x04, 0x06 -> roots.add(new Root(sub, d.readLong(), d.readInt()));
                case 0x20 -> classDump(d);
                case 0x21 -> {
                    long id = d.readLong();
                    d.readInt();
                    long cls = d.readLong();
                    byte[] v = new byte[d.readInt()];
                    d.readFully(v);
                    instances.put(id, new Instance(id, cls, v));
                }
                case 0x22 -> {
                    long id = d.readLong();
                    d.readInt();
                    int n = d.readInt();
                    long cls = d.readLong();
                    long[] e = new long[n];
                    for (int i = 0; i < n; i++) {
                        e[i] = d.readLong();
                    }
                    objArrays.put(id, new ObjArray(id, cls, e));
                }
                case 0x23 -> {
                    long id = d.readLong();
                    d.readInt();
                    int n = d.readInt();
                    int type = d.readUnsignedByte();
                    byte[] data = new byte[n * size(type)];
                    d.readFully(data);
                    primArrays.put(id, new PrimArray(id, type, n, data));
                }
                default -> throw new IOException("unknown heap dump sub-record 0x" + Integer.toHexString(sub));
            }
        }
        if (c.count != length) {
            throw new IOException("segment overrun: " + c.count + " of " + length);
        }
    }

    private void classDump(DataInputStream d) throws IOException {
        long id = d.readLong();
        d.readInt();
        long sup = d.readLong();
        long loader = d.readLong();
        for (int i = 0; i < 4; i++) {
            d.readLong();
        }
        int size = d.readInt();
        int cp = d.readUnsignedShort();
        for (int i = 0; i < cp; i++) {
            d.readUnsignedShort();
            value(d, d.readUnsignedByte());
        }
        int ns = d.readUnsignedShort();
        List<StaticValue> statics = new ArrayList<>();
        for (int i = 0; i < ns; i++) {
            String name = strings.get(d.readLong());
            int t = d.readUnsignedByte();
            statics.add(new StaticValue(name, t, value(d, t)));
        }
        int nf = d.readUnsignedShort();
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < nf; i++) {
            fields.add(new Field(strings.get(d.readLong()), d.readUnsignedByte()));
        }
        classes.put(id, new ClassDump(id, sup, loader, size, statics, fields));
    }

    private static long value(DataInputStream d, int type) throws IOException {
        return switch (size(type)) {
            case 1 -> d.readByte();
            case 2 -> d.readShort();
            case 4 -> d.readInt();
            default -> d.readLong();
        };
    }

    static int size(int type) {
        return switch (type) {
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 2, 7, 11 -> 8;
            default -> throw new IllegalArgumentException("basic type " + type);
        };
    }

    /** Field values of an instance by name, walking the class dumps from its class up (as readers do). */
    Map<String, Long> fields(long object) throws IOException {
        Instance inst = instances.get(object);
        DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(inst.values()));
        Map<String, Long> out = new LinkedHashMap<>();
        for (long c = inst.classId(); c != 0; c = classes.get(c).superId()) {
            for (Field f : classes.get(c).fields()) {
                out.putIfAbsent(f.name(), value(d, f.type()));
            }
        }
        if (d.available() != 0) {
            throw new IOException(d.available() + " bytes of field values left over");
        }
        return out;
    }

    /** jhisto's spelling of a LOAD CLASS name: {@code [I} → {@code int[]}, {@code java/lang/String} → dots. */
    static String histoName(String internal) {
        int dims = 0;
        while (internal.charAt(dims) == '[') {
            dims++;
        }
        String e = internal.substring(dims);
        if (dims > 0) {
            e = switch (e) {
                case "Z" -> "boolean";
                case "C" -> "char";
                case "F" -> "float";
                case "D" -> "double";
                case "B" -> "byte";
                case "S" -> "short";
                case "I" -> "int";
                case "J" -> "long";
                default -> e.substring(1, e.length() - 1);
            };
        }
        return e.replace('/', '.') + "[]".repeat(dims);
    }

    private static final class CountingInput extends InputStream {
        private final InputStream in;
        long count;

        CountingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
