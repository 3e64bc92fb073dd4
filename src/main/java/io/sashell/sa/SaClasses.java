package io.sashell.sa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import sun.jvm.hotspot.oops.HeapVisitor;
import sun.jvm.hotspot.oops.Klass;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.runtime.VM;

/** Loaded classes and SA's own walk over the instances of some of them. */
public final class SaClasses {
    private SaClasses() {
    }

    /** Every class of every class loader (instance classes and the array classes the VM created). */
    public static List<KlassRef> all() {
        List<KlassRef> out = new ArrayList<>();
        VM.getVM().getClassLoaderDataGraph().classesDo(k -> out.add(ref(k)));
        return out;
    }

    static KlassRef ref(Klass k) {
        Oop loader = SaKlassNames.loader(k);
        Klass sup = k.getSuper();
        return new KlassRef(SaAddresses.of(k.getAddress()), SaKlassNames.name(k),
                loader == null ? 0 : SaAddresses.of(loader.getHandle()), SaKlassNames.loaderName(loader),
                sup == null ? 0 : SaAddresses.of(sup.getAddress()));
    }

    /** SA's walk of the whole heap, keeping the objects whose klass is in {@code klasses}. */
    public static List<ObjectRef> instances(java.util.Set<Long> klasses) {
        List<ObjectRef> out = new ArrayList<>();
        HeapVisitor visitor = new HeapVisitor() {
            private long visited;

            @Override
            public void prologue(long size) {
            }

            @Override
            public boolean doObj(Oop obj) {
                if ((++visited & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("cancelled");
                }
                long k = SaAddresses.of(obj.getKlass().getAddress());
                if (klasses.contains(k)) {
                    out.add(new ObjectRef(SaAddresses.of(obj.getHandle()), k, obj.getObjectSize()));
                }
                return false;
            }

            @Override
            public void epilogue() {
            }
        };
        try {
            VM.getVM().getObjectHeap().iterate(visitor);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SaException("the Serviceability Agent could not walk this heap: " + SaErrors.oneLine(e), e);
        }
        return out;
    }
}
