package io.sashell.sa;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.oops.DefaultHeapVisitor;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.runtime.VM;

/**
 * Test-side main, run in a child JVM of the JDK that wrote the core: attaches SA, enumerates the roots and
 * prints them one per line for {@code SaRootsCoreIT} to parse (tab-separated):
 * <pre>
 * ROOT kind object class thread description
 * RANGE thread low high registers reason
 * PROBLEM text
 * MARKER class object               (every instance of the scenario's marker classes: RootsScenario$...)
 * SCAN thread class                 (a marker found by scanning a conservative range or its registers)
 * THREAD name object vm-state       (every Java thread SA lists)
 * STORAGE name                      (every OopStorage of OopStorageSet)
 * COMPAT oop-map-proxy              (true when compiled frames skip SA's derived-pointer assertion)
 * MILLIS first-enumeration-time second-enumeration-time   (cold, then with SA's code warmed up)
 * </pre>
 */
public final class RootsProbe {
    private static final String MARKER_PREFIX = "RootsScenario$";

    private RootsProbe() {
    }

    public static void main(String[] args) {
        try (SaSession session = SaSession.attach(Path.of(args[0]), Path.of(args[1]))) {
            long start = System.nanoTime();
            RootSet roots = SaRoots.enumerate();
            long millis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            RootSet again = SaRoots.enumerate();
            long warmMillis = (System.nanoTime() - start) / 1_000_000;
            if (!again.equals(roots)) {
                System.out.println("PROBLEM\ta second enumeration differs from the first");
            }
            Map<Long, String> classes = new HashMap<>();
            for (GcRoot r : roots.roots()) {
                String cls = classes.computeIfAbsent(r.object(), RootsProbe::className);
                System.out.println(String.join("\t", "ROOT", r.kind().name(), hex(r.object()), cls, r.threadName(),
                        r.description()));
            }
            Map<Long, String> markers = markers();
            markers.forEach((addr, cls) -> System.out.println("MARKER\t" + cls + "\t" + hex(addr)));
            for (StackRange s : roots.conservativeStacks()) {
                System.out.println(String.join("\t", "RANGE", s.threadName(), hex(s.low()), hex(s.high()),
                        Integer.toString(s.registers().size()), s.reason()));
                for (String cls : scan(s, markers)) {
                    System.out.println("SCAN\t" + s.threadName() + "\t" + cls);
                }
            }
            roots.problems().forEach(p -> System.out.println("PROBLEM\t" + p));
            for (SaRootStorages.Storage s : SaRootStorages.storages(new SaRootCollector())) {
                System.out.println("STORAGE\t" + s.name());
            }
            for (JavaThreadFacts t : SaThreads.threads()) {
                System.out.println(String.join("\t", "THREAD", t.name(), hex(t.threadObjectAddress()), t.vmState()));
            }
            System.out.println("COMPAT\t" + SaRootCompat.walksOopMapsItself());
            System.out.println("MILLIS\t" + millis + "\t" + warmMillis);
        }
    }

    private static String hex(long v) {
        return String.format("0x%x", v);
    }

    private static String className(long address) {
        try {
            Oop oop = VM.getVM().getObjectHeap().newOop(SaAddresses.toOopHandle(address));
            return oop == null ? "?" : SaKlassNames.name(oop.getKlass());
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** Every instance of the scenario's marker classes, by address. */
    private static Map<Long, String> markers() {
        Map<Long, String> found = new HashMap<>();
        VM.getVM().getObjectHeap().iterate(new DefaultHeapVisitor() {
            @Override
            public boolean doObj(Oop obj) {
                String cls = SaKlassNames.name(obj.getKlass());
                if (cls.startsWith(MARKER_PREFIX)) {
                    found.put(SaAddresses.of(obj.getHandle()), cls);
                }
                return false;
            }
        });
        return found;
    }

    /** The markers a conservative scan of the range would find: whole words, narrow oops in either half. */
    private static List<String> scan(StackRange range, Map<Long, String> markers) {
        Map<Long, String> narrow = new HashMap<>();
        boolean compressed = VM.getVM().isCompressedOopsEnabled();
        long base = compressed ? VM.getVM().getDebugger().getNarrowOopBase() : 0;
        int shift = compressed ? VM.getVM().getDebugger().getNarrowOopShift() : 0;
        if (compressed) {
            markers.forEach((addr, cls) -> narrow.put((addr - base) >>> shift, cls));
        }
        TreeSet<String> hits = new TreeSet<>();
        for (long r : range.registers()) {
            if (markers.containsKey(r)) {
                hits.add(markers.get(r));
            }
        }
        Address low = SaAddresses.toAddress(range.low());
        for (long off = 0; range.low() + off + 8 <= range.high(); off += 8) {
            long word;
            try {
                word = low.getJLongAt(off);
            } catch (RuntimeException e) {
                continue;
            }
            if (markers.containsKey(word)) {
                hits.add(markers.get(word));
            }
            if (compressed) {
                String lo = narrow.get(word & 0xFFFF_FFFFL);
                String hi = narrow.get(word >>> 32);
                if (lo != null) {
                    hits.add(lo);
                }
                if (hi != null) {
                    hits.add(hi);
                }
            }
        }
        return List.copyOf(hits);
    }
}
