package io.sashell.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.heap.HeapObject;
import io.sashell.heap.HeapWalker;
import io.sashell.sa.FieldFacts;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

/**
 * {@code inspect} answered from the core's memory and the classes' field layouts, for heaps where SA cannot
 * read objects: on generational ZGC (JDK 21+) SA 25 fails on every reference ("oop_load_barrier not
 * implemented"). Reference fields are decoded with {@link SaHeapLayout#decodeReference(long)}, which
 * uncolours ZGC's pointers one by one. Gives the same {@link ObjectFacts} as SA's inspect.
 */
final class MemoryObjects {
    private static final int MAX_STRING = 1024;
    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double");

    private final MemoryReader memory;
    private final SaHeapLayout layout;
    private final HeapWalker walker;
    private final LongFunction<Optional<SaKlassInfo>> klasses;

    MemoryObjects(MemoryReader memory, HeapWalker walker, LongFunction<Optional<SaKlassInfo>> klasses) {
        this.memory = memory;
        this.layout = walker.layout();
        this.walker = walker;
        this.klasses = klasses;
    }

    /** Whether {@code address} lies in one of the stretches the walker walks. */
    boolean inHeap(long address) {
        return walker.stretches().stream().anyMatch(s -> s.contains(address));
    }

    /**
     * The object at {@code address}: its fields, array elements up to {@code maxElements}, and the objects
     * it references down to {@code depth} levels.
     *
     * @throws IllegalArgumentException (one line) when no object starts there
     */
    ObjectFacts inspect(long address, int depth, int maxElements) {
        return inspect(address, depth, maxElements, new HashSet<>());
    }

    private ObjectFacts inspect(long address, int depth, int maxElements, Set<Long> seen) {
        HeapObject object = walker.objectAt(address).orElseThrow(
                () -> new IllegalArgumentException(String.format("no object starts at 0x%x", address)));
        SaKlassInfo k = klasses.apply(object.klassAddress()).orElseThrow(
                () -> new IllegalArgumentException(String.format("no readable class for the object at 0x%x",
                        address)));
        seen.add(address);
        List<FieldFacts> fields = new ArrayList<>();
        long length = -1;
        long omitted = 0;
        if (k.kind() == SaKlassKind.OBJ_ARRAY || k.kind() == SaKlassKind.TYPE_ARRAY) {
            length = memory.readInt(address + layout.arrayLengthOffset()) & 0xFFFF_FFFFL;
            long base = address + k.arrayHeaderSize();
            int log2 = k.log2ElementSize();
            String type = k.kind() == SaKlassKind.TYPE_ARRAY ? k.elementTypeName()
                    : k.name().substring(0, k.name().length() - 2);
            String descriptor = k.kind() == SaKlassKind.TYPE_ARRAY ? descriptorOf(type) : "L";
            for (long i = 0; i < Math.min(length, maxElements); i++) {
                fields.add(value("[" + i + "]", type, descriptor, base + (i << log2)));
            }
            omitted = Math.max(0, length - maxElements);
        } else {
            for (SaKlassField f : k.instanceFields()) {
                fields.add(value(f.name(), f.typeName(), f.signature(), address + f.offset()));
            }
        }
        List<ObjectFacts> children = new ArrayList<>();
        if (depth > 0) {
            for (FieldFacts f : fields) {
                if (f.reference() != 0 && seen.add(f.reference())) {
                    children.add(inspect(f.reference(), depth - 1, maxElements, seen));
                }
            }
        }
        return new ObjectFacts(address, object.klassAddress(), k.name(), object.size(), length, text(address, k),
                fields, omitted, children);
    }

    private FieldFacts value(String name, String type, String descriptor, long at) {
        char c = descriptor.charAt(0);
        String v = switch (c) {
            case 'Z' -> Boolean.toString(memory.readByte(at) != 0);
            case 'B' -> Byte.toString(memory.readByte(at));
            case 'C' -> "'" + (char) (memory.readInt(at) & 0xFFFF) + "'";
            case 'S' -> Short.toString((short) memory.readInt(at));
            case 'I' -> Integer.toString(memory.readInt(at));
            case 'F' -> Float.toString(Float.intBitsToFloat(memory.readInt(at)));
            case 'J' -> Long.toString(memory.readLong(at));
            case 'D' -> Double.toString(Double.longBitsToDouble(memory.readLong(at)));
            default -> null;
        };
        if (v != null) {
            return new FieldFacts(name, type, v, 0, "");
        }
        long target = reference(at);
        if (target == 0) {
            return new FieldFacts(name, type, "null", 0, "");
        }
        if (target < 0) {
            return new FieldFacts(name, type, "<not a pointer>", 0, "");
        }
        Optional<HeapObject> o = walker.objectAt(target);
        Optional<SaKlassInfo> tk = o.flatMap(x -> klasses.apply(x.klassAddress()));
        String cls = tk.map(SaKlassInfo::name).orElse("?");
        String shown = String.format("0x%x %s", target, cls);
        String t = tk.map(x -> text(target, x)).orElse("");
        return new FieldFacts(name, type, t.isEmpty() ? shown : shown + " " + t, target, cls);
    }

    private long reference(long at) {
        long raw = layout.heapOopSize() == 4 ? memory.readInt(at) & 0xFFFF_FFFFL : memory.readLong(at);
        return layout.decodeReference(raw);
    }

    /** The text of a String or a boxed value; empty for anything else. */
    private String text(long address, SaKlassInfo k) {
        try {
            if (k.name().equals("java.lang.String")) {
                return quote(string(address, k));
            }
            if (BOXES.contains(k.name())) {
                for (SaKlassField f : k.instanceFields()) {
                    if (f.name().equals("value")) {
                        return value("value", f.typeName(), f.signature(), address + f.offset()).value();
                    }
                }
            }
        } catch (UnreadableMemoryException | IllegalArgumentException e) {
            return "";
        }
        return "";
    }

    private String string(long address, SaKlassInfo k) {
        long value = 0;
        int coder = 0;
        for (SaKlassField f : k.instanceFields()) {
            if (f.name().equals("value")) {
                value = reference(address + f.offset());
            } else if (f.name().equals("coder")) {
                coder = memory.readByte(address + f.offset());
            }
        }
        if (value <= 0) {
            return "";
        }
        HeapObject array = walker.objectAt(value).orElseThrow(
                () -> new IllegalArgumentException("a String's value is not an object"));
        SaKlassInfo ak = klasses.apply(array.klassAddress()).orElseThrow(
                () -> new IllegalArgumentException("a String's value has no class"));
        int length = memory.readInt(value + layout.arrayLengthOffset());
        int n = Math.min(length, MAX_STRING * 2 + 2);
        byte[] bytes = new byte[n];
        memory.read(value + ak.arrayHeaderSize(), bytes, 0, n);
        return new String(bytes, coder == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
    }

    private static String descriptorOf(String primitive) {
        return switch (primitive) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "float" -> "F";
            case "long" -> "J";
            case "double" -> "D";
            default -> "L";
        };
    }

    private static String quote(String s) {
        String cut = s.length() > MAX_STRING ? s.substring(0, MAX_STRING) + "..." : s;
        return "\"" + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
