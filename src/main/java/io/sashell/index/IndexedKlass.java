package io.sashell.index;

import java.util.List;
import java.util.Objects;

import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassKind;

/**
 * A class as the index keeps it: enough to name objects, to find which field or slot holds a reference, and
 * its totals. Classes without instances are here too when their {@code java.lang.Class} mirror is on the heap
 * (their static fields are the mirror's references).
 *
 * @param address         the Klass's address
 * @param name            as histo prints it ({@code java.lang.Object[]}, {@code x.Outer$Inner})
 * @param loaderName      {@code bootstrap} or the loader's class and address
 * @param loader          the defining loader's oop, 0 for the boot loader
 * @param referenceFields every instance field holding a reference, inherited ones first, with offsets
 * @param staticFields    the static reference fields (offsets into the mirror)
 * @param vmFields        the reference slots the VM injects (in the oop maps, in no Java field list)
 * @param arrayHeader     for object arrays the offset of element 0
 * @param mirror          the object id of the class's mirror, -1 when it was not found on the heap
 * @param count           instances on the heap
 * @param bytes           their shallow bytes
 * @param liveCount       instances a GC root reaches through strong references
 * @param liveBytes       their shallow bytes
 * @param iteratedCount   instances the JVM's own heap iteration visits ({@code jcmd GC.class_histogram -all}):
 *                        on generational ZGC those reachable through any reference from any root, weak ones,
 *                        Reference referents and class loader data included (see {@link IteratorPass}); elsewhere
 *                        every instance on the heap, as {@code count}
 * @param iteratedBytes   their shallow bytes
 * @param stackChunk      for {@code jdk.internal.vm.StackChunk} (a virtual thread's frames), where its stack
 *                        and the ints bounding it lie; null for other classes
 */
public record IndexedKlass(long address, String name, SaKlassKind kind, String loaderName, long loader,
                           ReferenceType referenceType, List<SaKlassField> referenceFields,
                           List<SaKlassField> staticFields, List<SaKlassField> vmFields, int arrayHeader, int mirror, long count, long bytes,
                           long liveCount, long liveBytes, long iteratedCount, long iteratedBytes,
                           StackChunkLayout stackChunk) {

    /**
     * Where a stack chunk keeps its frames: {@code stackOffset} bytes from its start, words [sp, size) of it in
     * use, {@code sp} and {@code size} being the ints at {@code spOffset} and {@code sizeOffset}.
     */
    public record StackChunkLayout(int stackOffset, int sizeOffset, int spOffset) {
    }

    public IndexedKlass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(loaderName, "loaderName");
        Objects.requireNonNull(referenceType, "referenceType");
        referenceFields = List.copyOf(referenceFields);
        staticFields = List.copyOf(staticFields);
        vmFields = List.copyOf(vmFields);
    }
}
