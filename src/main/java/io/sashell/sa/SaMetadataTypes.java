package io.sashell.sa;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.interpreter.OopMapCacheEntry;
import sun.jvm.hotspot.oops.ConstantPool;
import sun.jvm.hotspot.oops.Klass;
import sun.jvm.hotspot.oops.Metadata;
import sun.jvm.hotspot.oops.Method;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.runtime.VMObjectFactory;
import sun.jvm.hotspot.runtime.VirtualBaseConstructor;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * SA's factory for metadata wrappers (Klass, ConstantPool, Method...) with a memory of which C++ type each vtable
 * word stands for. SA finds the type of a metadata pointer by comparing the vtable word it points at with the
 * vtable of every type in its database, each type's superclass chain walked up first
 * ({@code BasicTypeDataBase.findDynamicTypeForAddress}), and {@code InstanceKlass.getConstants()} makes one such
 * search per field name and per field signature. On a core of 16,646 classes that search was 70% of describing
 * the classes, 3.0 s of a 5.4 s export. The answer depends on the vtable word alone, so the wrapper class found
 * for a word serves every later pointer with that word; the first one of each type and any word SA does not know
 * still go to SA's own factory. Klass wrappers are kept by address too: they are views of memory that does not
 * change, and SA's {@code InstanceKlass} reads its whole field array when made (to count the fields), which the
 * class list, every super lookup and every class description did again. Methods come as {@link SaMethod}s, which
 * keep the oop masks of interpreted frames, and on JDK 25 constant pools as {@link SaConstantPool}s, which find
 * an invokedynamic's signature where SA 25 does not.
 *
 * <p>Needs {@code --add-opens jdk.hotspot.agent/sun.jvm.hotspot.oops=ALL-UNNAMED} (the launcher passes it);
 * without it SA is left as it was, only slower.
 */
final class SaMetadataTypes extends VirtualBaseConstructor<Metadata> {
    private final VirtualBaseConstructor<Metadata> sa;
    private final Map<Long, Class<? extends Metadata>> byVtable = new ConcurrentHashMap<>();
    /** Klass wrappers by address: SA's InstanceKlass counts its fields on construction, a read per field. */
    private final Map<Long, Klass> klasses = new ConcurrentHashMap<>();
    /** The oop masks of interpreted frames, by method and bytecode position ({@link SaMethod}). */
    private final Map<SaMethod.Position, OopMapCacheEntry> masks = new ConcurrentHashMap<>();

    private SaMetadataTypes(TypeDataBase db, VirtualBaseConstructor<Metadata> sa) {
        // No package to scan: every type this instance does not know yet is SA's factory's to answer.
        super(db, db.lookupType("Metadata"), null, null);
        this.sa = sa;
    }

    /** SA's own factory, which answers whatever this one does not know yet. */
    VirtualBaseConstructor<Metadata> saFactory() {
        return sa;
    }

    /** How many vtable words this factory knows the type of. */
    int knownTypes() {
        return byVtable.size();
    }

    @Override
    public Metadata instantiateWrapperFor(Address addr) {
        if (addr == null) {
            return null;
        }
        Klass klass = klasses.get(addr.asLongValue());
        if (klass != null) {
            return klass;
        }
        Address vtable = addr.getAddressAt(0);
        Metadata m = null;
        if (vtable != null) {
            Class<? extends Metadata> known = byVtable.get(vtable.asLongValue());
            if (known == Method.class) {
                m = new SaMethod(addr, masks);
            } else if (known == ConstantPool.class && SaConstantPool.APPLIES) {
                m = new SaConstantPool(addr);
            } else if (known != null) {
                m = VMObjectFactory.newObject(known, addr);
            }
        }
        if (m == null) {
            m = sa.instantiateWrapperFor(addr);
            if (m != null && vtable != null) {
                byVtable.putIfAbsent(vtable.asLongValue(), m.getClass());
            }
            if (m != null && m.getClass() == Method.class) {
                m = new SaMethod(addr, masks);
            } else if (m != null && m.getClass() == ConstantPool.class && SaConstantPool.APPLIES) {
                m = new SaConstantPool(addr);
            }
        }
        if (m instanceof Klass k) {
            klasses.putIfAbsent(addr.asLongValue(), k);
        }
        return m;
    }

    /**
     * Puts the caching factory in front of SA's for the attached VM. Returns false when SA's factory cannot be
     * replaced (no --add-opens, or an SA whose Metadata changed): then SA is left as it was.
     */
    @SuppressWarnings("unchecked")
    static boolean install() {
        try {
            Field f = Metadata.class.getDeclaredField("metadataConstructor");
            f.setAccessible(true);
            Object current = f.get(null);
            if (current instanceof SaMetadataTypes || !(current instanceof VirtualBaseConstructor<?>)) {
                return current instanceof SaMetadataTypes;
            }
            f.set(null, new SaMetadataTypes(VM.getVM().getTypeDataBase(), (VirtualBaseConstructor<Metadata>) current));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // InaccessibleObjectException without the --add-opens.
            return false;
        }
    }
}
