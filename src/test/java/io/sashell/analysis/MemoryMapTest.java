package io.sashell.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sashell.core.LoadSegment;
import io.sashell.core.MappedFile;

class MemoryMapTest {
    private static final int RW = LoadSegment.PF_R | 2;

    private static Map<String, long[]> kinds(MemoryResult r) {
        Map<String, long[]> m = new HashMap<>();
        for (MemoryResult.Kind k : r.kinds()) {
            m.put(k.kind(), new long[] {k.ranges(), k.bytes(), k.inCore()});
        }
        return m;
    }

    @Test
    void nativeSpacesTakeTheirReservationsOutOfAnonymousMemory() {
        // heap 0x1000-0x3000; metaspace reserved 0x10000-0x14000 of which the core stores the first 0x1000;
        // a code cache 0x20000-0x22000 (executable); a mapped file; the rest anonymous.
        List<LoadSegment> segs = List.of(
                new LoadSegment(0x1000, 0x2000, 0, 0x2000, RW),
                new LoadSegment(0x10000, 0x1000, 0, 0x1000, RW),
                new LoadSegment(0x11000, 0x3000, 0, 0, 0),
                new LoadSegment(0x20000, 0x2000, 0, 0x2000, RW | LoadSegment.PF_X),
                new LoadSegment(0x30000, 0x1000, 0, 0x1000, LoadSegment.PF_R),
                new LoadSegment(0x40000, 0x5000, 0, 0x5000, RW),
                new LoadSegment(0x50000, 0x1000, 0, 0x1000, RW | LoadSegment.PF_X));
        List<MemoryMap.NativeSpace> natives = List.of(
                new MemoryMap.NativeSpace(new MemoryResult.Space("metaspace", 0x4000, 0x1000, 0x800),
                        List.of(new long[] {0x10000, 0x14000})),
                new MemoryMap.NativeSpace(new MemoryResult.Space("code cache", 0x2000, 0x2000, -1),
                        List.of(new long[] {0x20000, 0x22000})));
        MemoryResult r = MemoryMap.of(segs, List.of(new MappedFile(0x30000, 0x31000, 0, "/lib/x.so")),
                new long[] {0x1000, 0x3000}, 0x2000, 0x800, List.of(), natives, List.of("class space: not read"));
        Map<String, long[]> k = kinds(r);
        assertEquals(0x2000, k.get("Java heap (reserved)")[1]);
        assertEquals(0x4000, k.get("metaspace (reserved)")[1]);
        assertEquals(0x1000, k.get("metaspace (reserved)")[2]);
        assertEquals(2, k.get("metaspace (reserved)")[0]);
        assertEquals(0x2000, k.get("code cache (reserved)")[1]);
        assertEquals(0x1000, k.get("mapped files")[1]);
        assertEquals(0x5000, k.get("other anonymous (malloc, GC data, native stacks)")[1]);
        assertEquals(0x1000, k.get("other executable anonymous")[1]);
        assertEquals(0xF000, r.total());
        assertEquals(List.of(new MemoryResult.Space("metaspace", 0x4000, 0x1000, 0x800),
                new MemoryResult.Space("code cache", 0x2000, 0x2000, -1)), r.spaces());
        assertEquals("native spaces: class space: not read", r.notes().get(r.notes().size() - 1));
    }

    @Test
    void withoutNativeSpacesAnonymousMemoryKeepsItsOldName() {
        MemoryResult r = MemoryMap.of(List.of(new LoadSegment(0x1000, 0x1000, 0, 0x1000, RW)), List.of(), null, 0,
                0, List.of(), List.of(), List.of());
        assertEquals(0x1000, kinds(r).get("other anonymous (malloc, metaspace, GC, native stacks)")[1]);
        assertEquals(List.of(), r.spaces());
    }
}
