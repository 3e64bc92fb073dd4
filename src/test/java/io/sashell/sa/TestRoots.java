package io.sashell.sa;

import java.util.ArrayList;
import java.util.List;

import sun.jvm.hotspot.classfile.ClassLoaderData;
import sun.jvm.hotspot.oops.Instance;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.runtime.JavaThread;
import sun.jvm.hotspot.runtime.Threads;
import sun.jvm.hotspot.runtime.VM;

/**
 * A partial root set for tests of the index while SA's full root enumeration is elsewhere: thread objects,
 * the mirrors of the boot loader's classes (system classes) and every class loader with class loader data.
 * No frame, JNI or monitor roots: what only those hold comes out unreachable.
 */
public final class TestRoots {
    private TestRoots() {
    }

    public static RootSet enumerate() {
        VM vm = VM.getVM();
        List<GcRoot> roots = new ArrayList<>();
        Threads threads = vm.getThreads();
        for (int i = 0; i < threads.getNumberOfThreads(); i++) {
            JavaThread t = threads.getJavaThreadAt(i);
            Oop o = t.getThreadObj();
            if (o != null) {
                long a = address(o);
                roots.add(new GcRoot(a, RootKind.THREAD_OBJECT, "thread object", t.getThreadName(), a));
            }
        }
        ClassLoaderData cld = vm.getClassLoaderDataGraph().getClassLoaderGraphHead();
        while (cld != null) {
            Oop loader = cld.getClassLoader();
            if (loader == null) {
                cld.classesDo(k -> {
                    Instance mirror = k.getJavaMirror();
                    if (mirror != null) {
                        roots.add(new GcRoot(address(mirror), RootKind.SYSTEM_CLASS,
                                k.getName().asString().replace('/', '.'), "", 0));
                    }
                });
            } else {
                roots.add(new GcRoot(address(loader), RootKind.CLASS_LOADER, "class loader data", "", 0));
            }
            cld = cld.next();
        }
        return new RootSet(roots, List.of(), List.of());
    }

    private static long address(Oop o) {
        return o.getHandle().asLongValue();
    }
}
