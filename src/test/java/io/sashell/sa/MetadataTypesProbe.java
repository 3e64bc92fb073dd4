package io.sashell.sa;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import sun.jvm.hotspot.code.CodeBlob;
import sun.jvm.hotspot.code.CodeCache;
import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.oops.ConstantPool;
import sun.jvm.hotspot.oops.InstanceKlass;
import sun.jvm.hotspot.oops.Metadata;
import sun.jvm.hotspot.oops.Method;
import sun.jvm.hotspot.oops.Symbol;
import sun.jvm.hotspot.runtime.Frame;
import sun.jvm.hotspot.runtime.JavaThread;
import sun.jvm.hotspot.runtime.JavaVFrame;
import sun.jvm.hotspot.runtime.Threads;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.runtime.VirtualBaseConstructor;
import sun.jvm.hotspot.utilities.GrowableArray;
import sun.jvm.hotspot.utilities.MethodArray;

/**
 * Test-side main, run in a child JVM of the JDK that wrote the core with the launcher's
 * {@code --add-opens ...oops}: attaches SA and asks both SA's own metadata factory and {@link SaMetadataTypes}
 * for the wrapper of every klass, constant pool and method of every class, and of a few pointers that are no
 * metadata, twice each (the
 * second time from the cache). Prints {@code INSTALLED true|false}, {@code CHECKED n}, {@code KNOWN n} (vtable
 * words cached) and one {@code MISMATCH address sa-class cached-class} line per disagreement; then compares
 * {@link SaSymbols#text} with SA's {@code Symbol.asString()} for every class, field and method name and signature
 * ({@code SYMBOLS n}, and a {@code MISMATCH symbol ...} line per difference); and last {@link SaCodeHeaps}
 * against SA's code heap wrappers ({@link #codeHeaps}), and {@link SaMethod}'s oop masks against SA's
 * ({@link #masks}).
 */
public final class MetadataTypesProbe {
    private MetadataTypesProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        try (SaSession session = SaSession.attach(Path.of(args[0]), Path.of(args[1]))) {
            Field f = Metadata.class.getDeclaredField("metadataConstructor");
            f.setAccessible(true);
            Object factory = f.get(null);
            System.out.println("INSTALLED\t" + (factory instanceof SaMetadataTypes));
            if (!(factory instanceof SaMetadataTypes cached)) {
                return;
            }
            VirtualBaseConstructor<Metadata> sa = cached.saFactory();
            List<Address> addresses = new ArrayList<>();
            List<Address> notMetadata = new ArrayList<>();
            VM.getVM().getClassLoaderDataGraph().classesDo(k -> {
                addresses.add(k.getAddress());
                if (notMetadata.size() < 20) {
                    notMetadata.add(k.getAddress().addOffsetTo(8));
                }
                if (k instanceof InstanceKlass ik) {
                    ConstantPool cp = ik.getConstants();
                    addresses.add(cp.getAddress());
                    MethodArray methods = ik.getMethods();
                    for (int i = 0; i < methods.length(); i++) {
                        addresses.add(methods.at(i).getAddress());
                        if (notMetadata.size() < 40) {
                            notMetadata.add(methods.at(i).getConstMethod().getAddress());
                        }
                    }
                }
            });
            // Not metadata: constant methods (no vtable) and klass pointers off by a word must fail alike.
            addresses.addAll(notMetadata);
            int checked = 0;
            for (int round = 0; round < 2; round++) {
                for (Address a : addresses) {
                    String expected = outcome(sa, a);
                    String actual = outcome(cached, a);
                    if (!expected.equals(actual)) {
                        System.out.println("MISMATCH\t" + a + "\t" + expected + "\t" + actual);
                    }
                    checked++;
                }
            }
            System.out.println("CHECKED\t" + checked);
            int[] symbols = {0};
            VM.getVM().getClassLoaderDataGraph().classesDo(k -> {
                List<Symbol> all = new ArrayList<>(List.of(k.getName()));
                if (k instanceof InstanceKlass ik) {
                    for (int i = 0; i < ik.getAllFieldsCount(); i++) {
                        all.add(ik.getFieldName(i));
                        all.add(ik.getFieldSignature(i));
                    }
                    MethodArray methods = ik.getMethods();
                    for (int i = 0; i < methods.length(); i++) {
                        all.add(methods.at(i).getName());
                        all.add(methods.at(i).getSignature());
                    }
                }
                for (Symbol sym : all) {
                    // Twice: the second answer comes from the cache.
                    for (int round = 0; round < 2; round++) {
                        String text = SaSymbols.text(sym);
                        if (!text.equals(sym.asString())) {
                            System.out.println("MISMATCH\tsymbol " + sym.getAddress() + "\t" + sym.asString()
                                    + "\t" + text);
                        }
                        symbols[0]++;
                    }
                }
            });
            System.out.println("SYMBOLS\t" + symbols[0]);
            System.out.println("KNOWN\t" + cached.knownTypes());
            codeHeaps();
            masks();
        }
    }

    /**
     * The oop mask of every interpreted frame of every thread from the {@link SaMethod} the factory made (twice:
     * the second from its cache) and from a plain SA Method: prints {@code MASKS n} (frames compared) and a
     * {@code MISMATCH mask ...} line per difference.
     */
    private static void masks() {
        Threads threads = VM.getVM().getThreads();
        int frames = 0;
        for (int n = 0; n < threads.getNumberOfThreads(); n++) {
            for (JavaVFrame vf = threads.getJavaThreadAt(n).getLastJavaVFrameDbg(); vf != null;
                 vf = vf.javaSender()) {
                if (!vf.isInterpretedFrame()) {
                    continue;
                }
                Frame f = vf.getFrame();
                Method m = f.getInterpreterFrameMethod();
                int bci = f.getInterpreterFrameBCI();
                String expected = oops(new Method(m.getAddress()), bci);
                for (int round = 0; round < 2; round++) {
                    String actual = oops(m, bci);
                    if (!(m instanceof SaMethod) || !expected.equals(actual)) {
                        System.out.println("MISMATCH\tmask " + m.getClass().getName() + " " + m.getAddress() + "@"
                                + bci + "\t" + expected + "\t" + actual);
                    }
                }
                frames++;
            }
        }
        System.out.println("MASKS\t" + frames);
    }

    /** The slots a method's oop mask at {@code bci} names, or the exception computing it threw. */
    private static String oops(Method m, int bci) {
        try {
            List<Integer> slots = new ArrayList<>();
            m.getMaskFor(bci).iterateOop(slots::add);
            return slots.toString();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    /**
     * The code blob SA finds for every frame's pc of every thread, and for a few addresses outside the code cache,
     * with SA's constructor of code heap wrappers and with {@link SaCodeHeaps}: prints {@code CODEHEAPS
     * cached|static} (static: SA needs no cache, JDK 25), {@code PCS n} and a {@code MISMATCH pc ...} line per
     * difference.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void codeHeaps() throws ReflectiveOperationException {
        GrowableArray<?> array = SaCodeHeaps.heapArray();
        Field ctor = SaCodeHeaps.constructorField();
        Object installed = ctor.get(array);
        System.out.println("CODEHEAPS\t" + (installed instanceof SaCodeHeaps<?> ? "cached" : "static"));
        if (!(installed instanceof SaCodeHeaps<?> cached)) {
            return;
        }
        List<Address> pcs = new ArrayList<>();
        Threads threads = VM.getVM().getThreads();
        for (int n = 0; n < threads.getNumberOfThreads(); n++) {
            JavaThread t = threads.getJavaThreadAt(n);
            for (JavaVFrame vf = t.getLastJavaVFrameDbg(); vf != null; vf = vf.javaSender()) {
                pcs.add(vf.getFrame().getPC());
            }
        }
        VM.getVM().getClassLoaderDataGraph().classesDo(k -> {
            if (pcs.size() < 10_000) {
                pcs.add(k.getAddress());
            }
        });
        CodeCache codeCache = VM.getVM().getCodeCache();
        List<String> expected = new ArrayList<>();
        ctor.set(array, cached.saConstructor());
        for (Address pc : pcs) {
            expected.add(blob(codeCache, pc));
        }
        ctor.set(array, cached);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < pcs.size(); i++) {
                String actual = blob(codeCache, pcs.get(i));
                if (!expected.get(i).equals(actual)) {
                    System.out.println("MISMATCH\tpc " + pcs.get(i) + "\t" + expected.get(i) + "\t" + actual);
                }
            }
        }
        System.out.println("PCS\t" + pcs.size());
    }

    private static String blob(CodeCache codeCache, Address pc) {
        try {
            CodeBlob b = codeCache.findBlob(pc);
            return b == null ? "null" : b.getClass().getSimpleName() + "@" + b.getAddress();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    /** The wrapper's class, or the exception's: a pointer SA cannot type must fail the same way through the cache. */
    private static String outcome(VirtualBaseConstructor<Metadata> factory, Address a) {
        try {
            Metadata m = factory.instantiateWrapperFor(a);
            // A method comes as an SaMethod (SA's Method keeping its oop masks), a constant pool on JDK 25 as an
            // SaConstantPool.
            return (m instanceof SaMethod ? Method.class : m instanceof SaConstantPool ? ConstantPool.class
                    : m.getClass()).getName();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }
}
