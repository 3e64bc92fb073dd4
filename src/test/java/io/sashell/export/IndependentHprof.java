package io.sashell.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.netbeans.lib.profiler.heap.FieldValue;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;
import org.netbeans.lib.profiler.heap.ObjectArrayInstance;
import org.netbeans.lib.profiler.heap.ObjectFieldValue;
import org.netbeans.lib.profiler.heap.PrimitiveArrayInstance;

/**
 * An hprof file as an independent reader sees it: gridkit's {@code hprof-heap} (NetBeans profiler's heap model),
 * written by neither sa-shell nor the JDK. The export tests read sa-shell's files and jhsdb's with it, so a
 * mistake shared by our writer and our own {@link HprofReader} cannot pass unseen.
 */
final class IndependentHprof {
    static {
        // The library's own asserts fail on any hprof whose strings are interleaved with other records (a key 0
        // put for each non-string record it passes over): jhsdb's files as well as ours. Failsafe runs with -ea.
        IndependentHprof.class.getClassLoader().setPackageAssertionStatus("org.netbeans.lib.profiler.heap", false);
    }

    final Heap heap;

    private IndependentHprof(Heap heap) {
        this.heap = heap;
    }

    static IndependentHprof open(Path file) throws IOException {
        return new IndependentHprof(HeapFactory.createHeap(file.toFile()));
    }

    /**
     * Objects per class name, as {@code histo} counts them: instances and arrays, plus one {@code java.lang.Class}
     * per class dump (hprof writes a class as a CLASS DUMP, not as an instance of its mirror's class).
     */
    Map<String, Long> histoCounts() {
        Map<String, Long> counts = objectCounts();
        counts.merge("java.lang.Class", (long) heap.getAllClasses().size(), Long::sum);
        return counts;
    }

    /** Instances and arrays per class name; class dumps not counted. Classes with no object are left out. */
    Map<String, Long> objectCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (JavaClass c : heap.getAllClasses()) {
            if (c.getInstancesCount() > 0) {
                counts.merge(name(c), (long) c.getInstancesCount(), Long::sum);
            }
        }
        return counts;
    }

    /** Bytes per class name as the reader sizes objects from the file (fields or elements plus its header). */
    Map<String, Long> objectSizes() {
        Map<String, Long> sizes = new TreeMap<>();
        for (JavaClass c : heap.getAllClasses()) {
            if (c.getInstancesCount() > 0) {
                sizes.merge(name(c), c.getAllInstancesSize(), Long::sum);
            }
        }
        return sizes;
    }

    /**
     * A class's name as the reader spells it, which is histo's ({@code java.lang.Object[]}, {@code int[][]},
     * hidden classes with their address suffix): the count tests compare them as they are.
     */
    static String name(JavaClass c) {
        return c.getName();
    }

    Instance object(long address) {
        Instance i = heap.getInstanceByID(address);
        if (i == null) {
            throw new AssertionError(String.format("no object 0x%x in the file", address));
        }
        return i;
    }

    JavaClass classNamed(String name) {
        List<JavaClass> found = heap.getAllClasses().stream().filter(c -> name(c).equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " classes named " + name);
        }
        return found.get(0);
    }

    /**
     * {@code name=value} of every field of the object's class and its superclasses, sorted (a name can be there
     * twice, as {@code this$0} of nested inner classes): numbers as Java prints them, chars as the char,
     * references as the address in hex ({@code null} for none).
     */
    List<String> fields(long address) {
        List<String> out = new ArrayList<>();
        for (FieldValue v : object(address).getFieldValues()) {
            String text = v instanceof ObjectFieldValue o ? hexOrNull(o.getInstanceId()) : v.getValue();
            out.add(v.getField().getName() + "=" + text);
        }
        out.sort(null);
        return out;
    }

    /** An array's elements as text, {@code "[i]"} → value, in the spelling of {@link #fields}. */
    Map<String, String> elements(long address) {
        Instance i = object(address);
        List<?> values = i instanceof ObjectArrayInstance a ? a.getValueIDs()
                : ((PrimitiveArrayInstance) i).getValues();
        Map<String, String> out = new HashMap<>();
        for (int e = 0; e < values.size(); e++) {
            Object v = values.get(e);
            out.put("[" + e + "]", i instanceof ObjectArrayInstance ? hexOrNull((Long) v) : String.valueOf(v));
        }
        return out;
    }

    /**
     * The references an object holds in the file with their counts: each non-null field or slot, and its class
     * (an instance's or object array's class id, which is its class's mirror). A primitive array has none: hprof
     * gives it an element type, no class (and JDK 25 has two {@code int[]} classes).
     */
    Map<Long, Long> outbound(long address) {
        Instance i = object(address);
        Map<Long, Long> out = new HashMap<>();
        if (i instanceof PrimitiveArrayInstance) {
            return out;
        }
        out.merge(i.getJavaClass().getJavaClassId(), 1L, Long::sum);
        if (i instanceof ObjectArrayInstance a) {
            for (Long e : a.getValueIDs()) {
                if (e != 0) {
                    out.merge(e, 1L, Long::sum);
                }
            }
            return out;
        }
        for (FieldValue v : i.getFieldValues()) {
            if (v instanceof ObjectFieldValue o && o.getInstanceId() != 0) {
                out.merge(o.getInstanceId(), 1L, Long::sum);
            }
        }
        return out;
    }

    /**
     * The reader's own shortest path from the object back to a GC root of the file: the object first, the root
     * last; empty when the reader finds no root that reaches it.
     */
    List<Instance> pathToRoot(long address) {
        List<Instance> path = new ArrayList<>();
        for (Instance i = object(address); i != null; i = i.getNearestGCRootPointer()) {
            path.add(i);
            if (i.isGCRoot()) {
                return path;
            }
        }
        return List.of();
    }

    boolean isPrimitiveArray(long address) {
        return object(address) instanceof PrimitiveArrayInstance;
    }

    private static String hexOrNull(long id) {
        return id == 0 ? "null" : String.format("0x%x", id);
    }
}
