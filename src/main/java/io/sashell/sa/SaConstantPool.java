package io.sashell.sa;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.interpreter.Bytecodes;
import sun.jvm.hotspot.oops.ConstantPool;
import sun.jvm.hotspot.oops.ConstantPoolCache;

/**
 * SA's ConstantPool with JDK 25's invokedynamic lookup fixed. SA 25's {@code to_cp_index} turns an invokedynamic's
 * index into the NameAndType entry of its InvokeDynamic entry, and {@code getNameAndTypeRefIndexAt} then treats
 * that as the InvokeDynamic entry and follows it once more, onto a Utf8 entry: "Corrupted constant pool: N
 * ConstantTag:1". SA's oop map generation asks for the signature of every call in a method, so it computed no oop
 * map for any interpreted frame of a method with an invokedynamic (a lambda, a string concatenation): sa-shell
 * scanned those stacks conservatively. As HotSpot's {@code ConstantPool::to_cp_index}, this answers the
 * InvokeDynamic entry itself for an invokedynamic and leaves every other bytecode to SA.
 *
 * <p>{@code to_cp_index} is not in JDK 17's SA, which sa-shell is compiled against: the method below overrides
 * SA 25's at run time (same name and descriptor), and SA's own is called through a special method handle; the
 * indy entry's methods (SA 25 only) likewise through handles. On an SA without them {@link #APPLIES} is false
 * and ConstantPools stay SA's. {@code -Dsashell.sa.indy=sa} keeps SA's lookup (the tests of conservative
 * scanning use it).
 */
final class SaConstantPool extends ConstantPool {
    private static final MethodType TO_CP_INDEX = MethodType.methodType(int.class, int.class, int.class);
    private static final MethodHandle SA_TO_CP_INDEX;
    private static final MethodHandle INDY_ENTRY_AT;
    private static final MethodHandle ENTRY_CP_INDEX;
    /** Whether this SA has the lookup this class fixes (and it is not turned off). */
    static final boolean APPLIES;

    static {
        MethodHandle toCpIndex = null;
        MethodHandle indyEntryAt = null;
        MethodHandle entryCpIndex = null;
        try {
            toCpIndex = MethodHandles.lookup().findSpecial(ConstantPool.class, "to_cp_index", TO_CP_INDEX,
                    SaConstantPool.class);
            indyEntryAt = MethodHandles.lookup().findVirtual(ConstantPoolCache.class, "getIndyEntryAt",
                    MethodType.methodType(Class.forName("sun.jvm.hotspot.oops.ResolvedIndyEntry"), int.class));
            entryCpIndex = MethodHandles.lookup().findVirtual(indyEntryAt.type().returnType(),
                    "getConstantPoolIndex", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // JDK 17's SA: no to_cp_index, nothing to fix.
            toCpIndex = null;
        }
        SA_TO_CP_INDEX = toCpIndex;
        INDY_ENTRY_AT = indyEntryAt;
        ENTRY_CP_INDEX = entryCpIndex;
        APPLIES = toCpIndex != null && !"sa".equals(System.getProperty("sashell.sa.indy"));
    }

    SaConstantPool(Address addr) {
        super(addr);
    }

    /** Overrides SA 25's {@code ConstantPool.to_cp_index} (see the class comment). */
    public int to_cp_index(int index, int code) {
        try {
            if (code == Bytecodes._invokedynamic) {
                Object entry = INDY_ENTRY_AT.invoke(getCache(), index);
                return (int) ENTRY_CP_INDEX.invoke(entry);
            }
            return (int) SA_TO_CP_INDEX.invoke(this, index, code);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
