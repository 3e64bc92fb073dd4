package io.sashell.sa;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.oops.DefaultOopVisitor;
import sun.jvm.hotspot.oops.HeapVisitor;
import sun.jvm.hotspot.oops.InstanceKlass;
import sun.jvm.hotspot.oops.Klass;
import sun.jvm.hotspot.oops.NarrowOopField;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.oops.OopField;
import sun.jvm.hotspot.runtime.VM;

/**
 * The oracle of the index's edges: every non-null reference SA's own iteration reports, as (source, target)
 * addresses. {@code ObjectHeap.iterate} visits the objects, {@code Oop.iterate} their instance fields and array
 * elements, and for a mirror the static fields of the class it stands for. {@code Oop.iterate} skips the
 * fields the VM injects: they are read here from SA's own field list (the entries past
 * {@code getJavaFieldsCount()}, of the object's class and its supers). SA knows nothing of the VM's hidden
 * references (object → its class mirror, loader → its classes).
 */
public final class SaOutboundEdges {
    private SaOutboundEdges() {
    }

    /** Counts of one run. */
    public record Counts(long objects, long edges) {
    }

    /** Writes the pairs to {@code file} as big-endian longs, source then target. */
    public static Counts write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            long[] counts = new long[2];
            Visitor visitor = new Visitor(out, counts);
            VM.getVM().getObjectHeap().iterate(new HeapVisitor() {
                @Override
                public void prologue(long usedSize) {
                }

                @Override
                public boolean doObj(Oop obj) {
                    counts[0]++;
                    visitor.source = obj.getHandle().asLongValue();
                    visitor.current = obj;
                    obj.iterate(visitor, false);
                    injected(obj, visitor);
                    return false;
                }

                @Override
                public void epilogue() {
                }
            });
            return new Counts(counts[0], counts[1]);
        }
    }

    /** The non-null references of the fields the VM injected into the object's class and its supers. */
    private static void injected(Oop obj, Visitor visitor) {
        boolean compressed = VM.getVM().isCompressedOopsEnabled();
        for (Klass k = obj.getKlass(); k instanceof InstanceKlass ik; k = k.getSuper()) {
            for (int i = ik.getJavaFieldsCount(); i < ik.getAllFieldsCount(); i++) {
                String sig = ik.getFieldSignature(i).asString();
                if (sig.startsWith("L") || sig.startsWith("[")) {
                    long offset = ik.getFieldOffset(i);
                    visitor.emit(compressed ? obj.getHandle().getCompOopHandleAt(offset)
                            : obj.getHandle().getOopHandleAt(offset));
                }
            }
        }
    }

    private static final class Visitor extends DefaultOopVisitor {
        private final DataOutputStream out;
        private final long[] counts;
        long source;
        /**
         * The object being iterated. SA's iteration of a mirror goes on to the static fields of its class with
         * the class's current mirror as the object, which is null for the archived mirror of a class never
         * loaded: its own static fields are read then, as the GC reads them.
         */
        Oop current;

        private Oop obj() {
            return getObj() != null ? getObj() : current;
        }

        Visitor(DataOutputStream out, long[] counts) {
            this.out = out;
            this.counts = counts;
        }

        @Override
        public void doOop(OopField field, boolean isVMField) {
            emit(field.getValueAsOopHandle(obj()));
        }

        @Override
        public void doOop(NarrowOopField field, boolean isVMField) {
            emit(field.getValueAsOopHandle(obj()));
        }

        void emit(OopHandle target) {
            if (target == null) {
                return;
            }
            try {
                out.writeLong(source);
                out.writeLong(target.asLongValue());
                counts[1]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
