package io.sashell.sa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.gc.shared.CollectedHeap;
import sun.jvm.hotspot.oops.BooleanField;
import sun.jvm.hotspot.oops.ByteField;
import sun.jvm.hotspot.oops.CharField;
import sun.jvm.hotspot.oops.DefaultOopVisitor;
import sun.jvm.hotspot.oops.DoubleField;
import sun.jvm.hotspot.oops.Field;
import sun.jvm.hotspot.oops.FloatField;
import sun.jvm.hotspot.oops.IntField;
import sun.jvm.hotspot.oops.LongField;
import sun.jvm.hotspot.oops.NarrowOopField;
import sun.jvm.hotspot.oops.ObjArray;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.oops.OopField;
import sun.jvm.hotspot.oops.OopUtilities;
import sun.jvm.hotspot.oops.ShortField;
import sun.jvm.hotspot.oops.TypeArray;
import sun.jvm.hotspot.oops.TypeArrayKlass;
import sun.jvm.hotspot.runtime.VM;

/** Reads single objects through SA for {@code inspect}. */
public final class SaObjects {
    private static final int MAX_STRING = 1024;

    private SaObjects() {
    }

    /** True when the address lies in the Java heap's reserved range. */
    public static boolean inHeap(long address) {
        CollectedHeap heap = VM.getVM().getUniverse().heap();
        return heap.isInReserved(SaAddresses.toAddress(address));
    }

    /**
     * The object at {@code address} with its fields, array elements up to {@code maxElements}, and the
     * objects it references down to {@code depth} levels.
     *
     * @throws IllegalArgumentException (one line) when no object starts at that address
     */
    public static ObjectFacts inspect(long address, int depth, int maxElements) {
        return inspect(address, depth, maxElements, new HashSet<>());
    }

    private static ObjectFacts inspect(long address, int depth, int maxElements, Set<Long> seen) {
        Oop oop = oopAt(address);
        seen.add(address);
        List<FieldFacts> fields = new ArrayList<>();
        long length = -1;
        long omitted = 0;
        if (oop instanceof ObjArray) {
            ObjArray a = (ObjArray) oop;
            length = a.getLength();
            String type = SaKlassNames.name(a.getKlass()).replaceFirst("\\[\\]$", "");
            for (long i = 0; i < Math.min(length, maxElements); i++) {
                fields.add(reference("[" + i + "]", type, a.getOopHandleAt(i)));
            }
            omitted = Math.max(0, length - maxElements);
        } else if (oop instanceof TypeArray) {
            TypeArray a = (TypeArray) oop;
            length = a.getLength();
            TypeArrayKlass k = (TypeArrayKlass) a.getKlass();
            String type = k.getElementTypeName();
            for (long i = 0; i < Math.min(length, maxElements); i++) {
                fields.add(new FieldFacts("[" + i + "]", type, element(a, type, i), 0, ""));
            }
            omitted = Math.max(0, length - maxElements);
        } else {
            oop.iterate(new FieldCollector(fields), false);
        }
        List<ObjectFacts> children = new ArrayList<>();
        if (depth > 0) {
            for (FieldFacts f : fields) {
                if (f.reference() != 0 && seen.add(f.reference())) {
                    children.add(inspect(f.reference(), depth - 1, maxElements, seen));
                }
            }
        }
        return new ObjectFacts(address, SaAddresses.of(oop.getKlass().getAddress()), SaKlassNames.name(oop.getKlass()),
                oop.getObjectSize(), length, text(oop), fields, omitted, children);
    }

    private static Oop oopAt(long address) {
        if (!inHeap(address)) {
            throw new IllegalArgumentException(String.format("0x%x is not in the Java heap", address));
        }
        OopHandle handle = SaAddresses.toOopHandle(address);
        Oop oop;
        try {
            oop = VM.getVM().getObjectHeap().newOop(handle);
        } catch (RuntimeException e) {
            oop = null;
        }
        if (oop == null) {
            throw new IllegalArgumentException(String.format("no object starts at 0x%x", address));
        }
        return oop;
    }

    /** The text of a String or a boxed value; empty for anything else. */
    private static String text(Oop oop) {
        String cls = SaKlassNames.name(oop.getKlass());
        try {
            if (cls.equals("java.lang.String")) {
                return quote(OopUtilities.stringOopToString(oop));
            }
            if (cls.startsWith("java.lang.") && BOXES.contains(cls.substring(10))) {
                List<FieldFacts> fields = new ArrayList<>();
                oop.iterate(new FieldCollector(fields), false);
                for (FieldFacts f : fields) {
                    if (f.name().equals("value")) {
                        return f.value();
                    }
                }
            }
        } catch (RuntimeException e) {
            return "";
        }
        return "";
    }

    private static final Set<String> BOXES = Set.of("Integer", "Long", "Short", "Byte", "Character", "Boolean",
            "Float", "Double");

    static String quote(String s) {
        String cut = s.length() > MAX_STRING ? s.substring(0, MAX_STRING) + "..." : s;
        return "\"" + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /**
     * A reference field or element. A dead object can hold a reference to where an object was before a collection
     * moved it (the collector does not update what is dead): SA then finds no object there, and the field says so
     * instead of failing the whole command.
     */
    private static FieldFacts reference(String name, String type, OopHandle handle) {
        if (handle == null) {
            return new FieldFacts(name, type, "null", 0, "");
        }
        long addr = SaAddresses.of(handle);
        Oop target;
        String cls;
        try {
            target = VM.getVM().getObjectHeap().newOop(handle);
            cls = target == null ? null : SaKlassNames.name(target.getKlass());
        } catch (RuntimeException e) {
            target = null;
            cls = null;
        }
        if (target == null || cls == null) {
            return new FieldFacts(name, type, String.format("0x%x (no object starts there)", addr), 0, "");
        }
        String shown = String.format("0x%x %s", addr, cls);
        String t = text(target);
        return new FieldFacts(name, type, t.isEmpty() ? shown : shown + " " + t, addr, cls);
    }

    private static String element(TypeArray a, String type, long i) {
        switch (type) {
            case "boolean": return Boolean.toString(a.getBooleanAt(i));
            case "char": return "'" + a.getCharAt(i) + "'";
            case "float": return Float.toString(a.getFloatAt(i));
            case "double": return Double.toString(a.getDoubleAt(i));
            case "byte": return Byte.toString(a.getByteAt(i));
            case "short": return Short.toString(a.getShortAt(i));
            case "int": return Integer.toString(a.getIntAt(i));
            default: return Long.toString(a.getLongAt(i));
        }
    }

    /** Turns a field descriptor ("Ljava/lang/String;", "[I") into a Java type name. */
    static String typeName(String descriptor) {
        int dims = 0;
        while (dims < descriptor.length() && descriptor.charAt(dims) == '[') {
            dims++;
        }
        String base = descriptor.substring(dims);
        String name;
        switch (base.isEmpty() ? ' ' : base.charAt(0)) {
            case 'Z': name = "boolean"; break;
            case 'B': name = "byte"; break;
            case 'C': name = "char"; break;
            case 'S': name = "short"; break;
            case 'I': name = "int"; break;
            case 'J': name = "long"; break;
            case 'F': name = "float"; break;
            case 'D': name = "double"; break;
            case 'L': name = base.substring(1, base.length() - 1).replace('/', '.'); break;
            default: name = base;
        }
        return name + "[]".repeat(dims);
    }

    private static final class FieldCollector extends DefaultOopVisitor {
        private final List<FieldFacts> out;

        FieldCollector(List<FieldFacts> out) {
            this.out = out;
        }

        private static String name(Field f) {
            return f.getID().getName();
        }

        private static String type(Field f) {
            return typeName(f.getSignature().asString());
        }

        private void add(Field f, String value) {
            if (!f.isStatic()) {
                out.add(new FieldFacts(name(f), type(f), value, 0, ""));
            }
        }

        @Override
        public void doOop(OopField f, boolean vm) {
            if (!f.isStatic()) {
                out.add(reference(name(f), type(f), f.getValueAsOopHandle(getObj())));
            }
        }

        @Override
        public void doOop(NarrowOopField f, boolean vm) {
            if (!f.isStatic()) {
                out.add(reference(name(f), type(f), f.getValueAsOopHandle(getObj())));
            }
        }

        @Override
        public void doByte(ByteField f, boolean vm) {
            add(f, Byte.toString(f.getValue(getObj())));
        }

        @Override
        public void doChar(CharField f, boolean vm) {
            add(f, "'" + f.getValue(getObj()) + "'");
        }

        @Override
        public void doBoolean(BooleanField f, boolean vm) {
            add(f, Boolean.toString(f.getValue(getObj())));
        }

        @Override
        public void doShort(ShortField f, boolean vm) {
            add(f, Short.toString(f.getValue(getObj())));
        }

        @Override
        public void doInt(IntField f, boolean vm) {
            add(f, Integer.toString(f.getValue(getObj())));
        }

        @Override
        public void doLong(LongField f, boolean vm) {
            add(f, Long.toString(f.getValue(getObj())));
        }

        @Override
        public void doFloat(FloatField f, boolean vm) {
            add(f, Float.toString(f.getValue(getObj())));
        }

        @Override
        public void doDouble(DoubleField f, boolean vm) {
            add(f, Double.toString(f.getValue(getObj())));
        }
    }
}
