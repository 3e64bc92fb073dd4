package io.sashell.sa;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import sun.jvm.hotspot.gc.shared.CollectedHeap;
import sun.jvm.hotspot.runtime.Arguments;
import sun.jvm.hotspot.runtime.VM;

/** Reads {@link VmFacts} through SA. */
public final class SaVm {
    private static final List<String> PROPERTIES = List.of("java.vm.vendor", "java.vendor", "java.version",
            "java.home", "user.dir", "user.name", "java.io.tmpdir", "sun.java.command", "os.name");

    private SaVm() {
    }

    public static VmFacts facts() {
        try {
            VM vm = VM.getVM();
            CollectedHeap heap = vm.getUniverse().heap();
            Map<String, String> props = new LinkedHashMap<>();
            Properties sys = safeProperties(vm);
            for (String key : PROPERTIES) {
                String v = sys.getProperty(key);
                if (v != null) {
                    props.put(key, v);
                }
            }
            String vendor = props.getOrDefault("java.vm.vendor", props.getOrDefault("java.vendor", "unknown"));
            return new VmFacts(vm.getVMRelease(), vm.getVMInternalInfo(), vendor, gcName(heap),
                    heap.capacity(), heap.used(), vm.isCompressedOopsEnabled(),
                    vm.isCompressedKlassPointersEnabled(), compactHeaders(vm), vm.getObjectAlignmentInBytes(),
                    nullToEmpty(Arguments.getJVMFlags()), nullToEmpty(Arguments.getJVMArgs()),
                    nullToEmpty(Arguments.getJavaCommand()), props);
        } catch (RuntimeException e) {
            throw new SaException("cannot read the VM's facts: " + SaErrors.oneLine(e), e);
        }
    }

    /** The collector's name as users know it, from SA's heap class. */
    static String gcName(CollectedHeap heap) {
        if (heap instanceof sun.jvm.hotspot.gc.z.ZCollectedHeap) {
            // SA's, or sa-shell's SaZgcCollectedHeap and SaZgc17Heap.
            return "ZGC";
        }
        String cls = heap.getClass().getSimpleName();
        switch (cls) {
            case "G1CollectedHeap": return "G1";
            case "ParallelScavengeHeap": return "Parallel";
            case "SerialHeap":
            case "GenCollectedHeap": return "Serial";
            case "ShenandoahHeap": return "Shenandoah";
            case "EpsilonHeap": return "Epsilon";
            default: return cls;
        }
    }

    /** Compact object headers exist only on JDK 24+; SA 17 has no such method. */
    static boolean compactHeaders(VM vm) {
        try {
            Method m = VM.class.getMethod("isCompactObjectHeadersEnabled");
            return (Boolean) m.invoke(vm);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static Properties safeProperties(VM vm) {
        if (SaZgcCollectedHeap.heapBaseOf(vm.getUniverse().heap()) != 0) {
            // SA reads object arrays without its heap's load barrier: on ZGC its reader meets coloured
            // pointers and prints a stack trace.
            return new Properties();
        }
        try {
            Properties p = vm.getSystemProperties();
            return p == null ? new Properties() : p;
        } catch (RuntimeException e) {
            return new Properties();
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
