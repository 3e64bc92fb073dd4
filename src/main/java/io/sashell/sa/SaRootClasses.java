package io.sashell.sa;

import sun.jvm.hotspot.classfile.ClassLoaderData;
import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.oops.InstanceKlass;
import sun.jvm.hotspot.oops.Klass;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.oops.TypeArrayKlass;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * Class roots from the class loader data graph: the mirrors of the boot loader's classes (system classes, as
 * the HotSpot heap dumper reports them) and their constant pools' resolved references arrays (VM internal: held
 * by the boot loader's class loader data), and the class loaders the VM keeps strongly: the system and platform
 * loaders ({@code SystemDictionary}'s handles) always, every loader when class unloading is off.
 */
final class SaRootClasses {
    private static final int MAX_LOADERS = 10_000_000;
    private static final String SYSTEM_LOADER = "_ZN16SystemDictionary19_java_system_loaderE";
    private static final String PLATFORM_LOADER = "_ZN16SystemDictionary21_java_platform_loaderE";

    private SaRootClasses() {
    }

    static void walk(SaRootCollector out) {
        loader(out, SYSTEM_LOADER, "system class loader");
        loader(out, PLATFORM_LOADER, "platform class loader");
        boolean allStrong = !flag("ClassUnloading", true);
        Layout layout = new Layout(VM.getVM().getTypeDataBase());
        ClassLoaderData cld = VM.getVM().getClassLoaderDataGraph().getClassLoaderGraphHead();
        for (int n = 0; cld != null; n++) {
            if (n > MAX_LOADERS) {
                out.problem("more than " + MAX_LOADERS + " class loader data: the rest not walked");
                return;
            }
            try {
                loaderData(cld, allStrong, layout, out);
            } catch (RuntimeException | Error e) {
                out.problem(String.format("class loader data 0x%x unreadable", SaAddresses.of(cld.getAddress())), e);
            }
            cld = cld.next();
        }
    }

    private static void loaderData(ClassLoaderData cld, boolean allStrong, Layout layout, SaRootCollector out) {
        Oop loader = cld.getClassLoader();
        if (cld.gethasClassMirrorHolder()) {
            // A hidden class's own data: weak, kept alive through its mirror only.
            return;
        }
        if (loader != null) {
            if (allStrong) {
                out.add(SaAddresses.of(loader.getHandle()), RootKind.CLASS_LOADER,
                        SaKlassNames.loaderName(loader) + " (class unloading off)", null);
            }
            return;
        }
        cld.classesDo(k -> systemClass(k, layout, out));
    }

    private static void systemClass(Klass k, Layout layout, SaRootCollector out) {
        try {
            // The mirror's address straight from Klass::_java_mirror: Klass.getJavaMirror() makes an Instance,
            // which on SA 17 builds a fresh InstanceKlass wrapper of java.lang.Class each time (slow).
            String name = className(k);
            OopHandle mirror = handle(k.getAddress().getAddressAt(layout.mirror));
            if (out.inHeap(mirror)) {
                out.add(SaAddresses.of(mirror), RootKind.SYSTEM_CLASS, name, null);
            }
            if (k instanceof InstanceKlass) {
                // The constant pool's resolved references (string literals, resolved constants) hang off the
                // boot loader's class loader data, not off any heap object.
                Address constants = k.getAddress().getAddressAt(layout.constants);
                Address cache = constants == null ? null : constants.getAddressAt(layout.cache);
                OopHandle refs = cache == null ? null : handle(cache.getAddressAt(layout.resolvedReferences));
                if (out.inHeap(refs)) {
                    out.add(SaAddresses.of(refs), RootKind.VM_INTERNAL, "resolved references of " + name, null);
                }
            }
        } catch (RuntimeException | Error e) {
            out.problem("class " + k.getName().asString() + ": mirror unreadable", e);
        }
    }

    /** The oop an OopHandle's slot holds, or null. */
    private static OopHandle handle(Address slot) {
        return slot == null ? null : slot.getOopHandleAt(0);
    }

    /** Field offsets from the type database (the same names on 17 and 25). */
    private static final class Layout {
        final long mirror;
        final long constants;
        final long cache;
        final long resolvedReferences;

        Layout(TypeDataBase db) {
            mirror = db.lookupType("Klass").getField("_java_mirror").getOffset();
            constants = db.lookupType("InstanceKlass").getField("_constants").getOffset();
            cache = db.lookupType("ConstantPool").getField("_cache").getOffset();
            resolvedReferences = db.lookupType("ConstantPoolCache").getField("_resolved_references").getOffset();
        }
    }

    /**
     * The class's name as Java spells it. Unlike {@link SaKlassNames#name} (jhisto's spelling), JDK 25's filler
     * array class {@code [Ljdk/internal/vm/FillerElement;}, an int array class, keeps its own name.
     */
    static String className(Klass k) {
        String raw = SaSymbols.text(k.getName());
        if (k instanceof TypeArrayKlass && raw.startsWith("[L") && raw.endsWith(";")) {
            return raw.substring(2, raw.length() - 1).replace('/', '.') + "[]";
        }
        return SaKlassNames.name(k);
    }

    /** A loader the VM holds in a static OopHandle of libjvm. */
    private static void loader(SaRootCollector out, String symbol, String what) {
        try {
            Address handle = VM.getVM().getDebugger().lookup("libjvm.so", symbol);
            if (handle == null) {
                out.problem("no symbol " + symbol + " in libjvm: the " + what + " is not a root");
                return;
            }
            Address slot = handle.getAddressAt(0);
            if (slot == null) {
                return;
            }
            OopHandle oop = slot.getOopHandleAt(0);
            if (out.inHeap(oop)) {
                out.add(SaAddresses.of(oop), RootKind.CLASS_LOADER, what, null);
            }
        } catch (RuntimeException | Error e) {
            out.problem(what + " unreadable", e);
        }
    }

    private static boolean flag(String name, boolean otherwise) {
        try {
            VM.Flag f = VM.getVM().getCommandLineFlag(name);
            return f == null ? otherwise : f.getBool();
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}
