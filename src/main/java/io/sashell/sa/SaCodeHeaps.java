package io.sashell.sa;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import sun.jvm.hotspot.code.CodeCache;
import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.runtime.InstanceConstructor;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.runtime.VirtualBaseConstructor;
import sun.jvm.hotspot.types.WrongTypeException;
import sun.jvm.hotspot.utilities.GrowableArray;

/**
 * JDK 17's SA keeps the code cache's heaps in an array whose elements it wraps anew at every access, each time
 * finding the heap's C++ type by comparing its vtable word with every type of its database
 * ({@code VirtualBaseConstructor}); and every frame of a stack walk asks the code cache a few times which blob holds
 * a pc, each one looking at the heaps in turn. On a core of 400 threads, that search was 62% of listing the roots
 * (4.6 s). The heaps are a handful of fixed objects, so their wrappers are kept by address here. JDK 25's SA makes
 * them without the search (a static type), and is left as it is.
 *
 * <p>Needs {@code --add-opens jdk.hotspot.agent/sun.jvm.hotspot.code=ALL-UNNAMED} and
 * {@code ...utilities=ALL-UNNAMED} (the launcher passes them); without them SA is left as it was, only slower.
 */
final class SaCodeHeaps<T> extends InstanceConstructor<T> {
    private final InstanceConstructor<T> sa;
    private final Map<Long, T> byAddress = new ConcurrentHashMap<>();

    private SaCodeHeaps(InstanceConstructor<T> sa) {
        this.sa = sa;
    }

    /** SA's own constructor, which makes each heap's wrapper the first time. */
    InstanceConstructor<T> saConstructor() {
        return sa;
    }

    @Override
    public T instantiateWrapperFor(Address addr) throws WrongTypeException {
        if (addr == null) {
            return null;
        }
        T known = byAddress.get(addr.asLongValue());
        if (known != null) {
            return known;
        }
        T made = sa.instantiateWrapperFor(addr);
        if (made != null) {
            byAddress.putIfAbsent(addr.asLongValue(), made);
        }
        return made;
    }

    /** The code cache's heap array of the attached VM (SA's CodeCache sets it up when first used). */
    static GrowableArray<?> heapArray() throws ReflectiveOperationException {
        VM.getVM().getCodeCache();
        Field heaps = CodeCache.class.getDeclaredField("heapArray");
        heaps.setAccessible(true);
        return (GrowableArray<?>) heaps.get(null);
    }

    /** The constructor the heap array makes its elements with. */
    static Field constructorField() throws ReflectiveOperationException {
        Field f = GrowableArray.class.getDeclaredField("virtualConstructor");
        f.setAccessible(true);
        return f;
    }

    /**
     * Puts the cache in front of SA's constructor of code heap wrappers, for the attached VM. Returns true when the
     * cache is in place, false when it is not needed (SA's constructor is no vtable search) or cannot be put there
     * (no --add-opens, or an SA whose classes changed): then SA is left as it was.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean install() {
        try {
            GrowableArray<?> array = heapArray();
            if (array == null) {
                return false;
            }
            Field f = constructorField();
            Object current = f.get(array);
            if (current instanceof SaCodeHeaps<?>) {
                return true;
            }
            if (!(current instanceof VirtualBaseConstructor<?>)) {
                return false;
            }
            f.set(array, new SaCodeHeaps((InstanceConstructor) current));
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // InaccessibleObjectException without the --add-opens, IllegalAccessError without the --add-exports.
            return false;
        }
    }
}
