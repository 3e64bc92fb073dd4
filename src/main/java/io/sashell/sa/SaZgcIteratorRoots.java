package io.sashell.sa;

import java.util.ArrayList;
import java.util.List;

import sun.jvm.hotspot.classfile.ClassLoaderData;
import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.oops.Klass;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.runtime.VM;

/**
 * What ZGC's heap iterator ({@code ZHeapIterator}, behind {@code jcmd GC.class_histogram} and heap dumps) starts
 * from beyond the strong roots: the objects of the weak OopStorages (JNI weak globals, the string table, the
 * resolved method table, ...), and the handles of every class loader data, which it visits for the kept-alive
 * ones and for the class of every object it reaches. The handle list ({@code ClassLoaderData::_handles}, a chain
 * of chunks of 32 oops) is not in SA's type database: it is the word just before {@code _klasses}, and the
 * {@code int _keep_alive} two words before (JDK 21 to 25 product builds); each chunk is checked for plausibility.
 */
final class SaZgcIteratorRoots {
    private static final int CHUNK_CAPACITY = 32;
    private static final long CHUNK_SIZE = CHUNK_CAPACITY * 8L;
    private static final long CHUNK_NEXT = CHUNK_SIZE + 8;
    private static final int MAX_CHUNKS = 1 << 20;
    private static final int MAX_LOADERS = 10_000_000;

    private SaZgcIteratorRoots() {
    }

    static void walk(SaRootCollector out) {
        for (SaRootStorages.Storage s : SaRootStorages.storages(out)) {
            if (!SaRootStorages.isStrong(s.name())) {
                SaRootStorages.walk(s.address(), s.name(), out, (slot, oop) -> out.weakHandle(SaAddresses.of(oop)));
            }
        }
        long klasses = VM.getVM().getTypeDataBase().lookupType("ClassLoaderData").getField("_klasses").getOffset();
        long handles = klasses - 8;
        long keepAlive = klasses - 16;
        ClassLoaderData cld = VM.getVM().getClassLoaderDataGraph().getClassLoaderGraphHead();
        for (int n = 0; cld != null && n < MAX_LOADERS; n++, cld = cld.next()) {
            try {
                out.loaderData(loaderData(cld, handles, keepAlive, out));
            } catch (RuntimeException | Error e) {
                out.problem(String.format("class loader data 0x%x: handles unreadable", SaAddresses.of(cld.getAddress())),
                        e);
            }
        }
    }

    private static LoaderData loaderData(ClassLoaderData cld, long handlesOffset, long keepAliveOffset,
                                         SaRootCollector out) {
        Address a = cld.getAddress();
        Oop loader = cld.getClassLoader();
        long loaderObject = loader == null ? 0 : out.objectOf(loader.getHandle());
        boolean mirrorHolder = cld.gethasClassMirrorHolder();
        int keep = (int) a.getCIntegerAt(keepAliveOffset, 4, false);
        if (keep < 0 || keep > 1_000_000) {
            throw new IllegalStateException("implausible keep-alive count " + keep + ": layout differs");
        }
        boolean boot = loader == null && !mirrorHolder;
        List<Long> klassList = new ArrayList<>();
        for (Klass k = cld.getKlasses(); k != null; k = k.getNextLinkKlass()) {
            klassList.add(SaAddresses.of(k.getAddress()));
        }
        List<Long> handleList = new ArrayList<>();
        Address chunk = a.getAddressAt(handlesOffset);
        for (int c = 0; chunk != null; c++, chunk = chunk.getAddressAt(CHUNK_NEXT)) {
            long size = chunk.getCIntegerAt(CHUNK_SIZE, 4, true);
            if (size < 0 || size > CHUNK_CAPACITY || c > MAX_CHUNKS) {
                throw new IllegalStateException("implausible handle chunk (size " + size + "): layout differs");
            }
            for (int i = 0; i < size; i++) {
                long object = out.objectOf(chunk.getAddressAt(i * 8L));
                if (object != 0) {
                    handleList.add(object);
                }
            }
        }
        return new LoaderData(loaderObject, boot || keep > 0, klassList, handleList);
    }
}
