package io.sashell.sa;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.gc.shared.LiveRegionsClosure;
import sun.jvm.hotspot.gc.shared.LiveRegionsProvider;
import sun.jvm.hotspot.gc.z.ZCollectedHeap;
import sun.jvm.hotspot.memory.MemRegion;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.types.CIntegerField;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * SA 17's view of a non-generational ZGC heap, made to list its objects. SA 17 sizes ZGC's page table by
 * {@code ZGlobals.ZAddressOffsetMax}, a constant the VM exports before ZGC computes it: SA reads 0 and finds no
 * page. {@link #install()} sets it from the runtime mask. Then SA walks small and large pages, but a medium page
 * stops after its first object: SA steps from object to object by their sizes aligned to 8 bytes, and ZGC aligns
 * medium-page objects to {@code 2^(medium page shift - 13)} bytes (1 KB on the 8 MB medium pages of a 256 MB heap).
 * This heap gives each object of a medium page a live region of its own, found by stepping with that alignment,
 * so SA's walk visits them all.
 * <p>
 * Installed as {@link SaZgcCollectedHeap} is on generational ZGC, through SA's private heap constructor table
 * ({@code --add-opens jdk.hotspot.agent/sun.jvm.hotspot.memory=ALL-UNNAMED}); without it SA is left as it was.
 */
public final class SaZgc17Heap extends ZCollectedHeap {
    private static CIntegerField pageType;
    private static long virtualOffset;
    private static long virtualStart;
    private static long virtualEnd;
    private static int mediumType;

    /** Called by SA's object factory, by reflection. */
    public SaZgc17Heap(Address addr) {
        super(addr);
    }

    /**
     * Makes SA list the attached VM's heap when it is JDK 17's ZGC. Returns false when the heap is another, or
     * SA's table or constants cannot be set: then SA is left as it was.
     */
    static boolean install() {
        VM vm = VM.getVM();
        TypeDataBase db = vm.getTypeDataBase();
        if (!(vm.getUniverse().heap() instanceof ZCollectedHeap) || SaZgcHeap.isGenerational(db)) {
            return false;
        }
        try {
            Class<?> globals = Class.forName("sun.jvm.hotspot.gc.z.ZGlobals");
            Field max = globals.getField("ZAddressOffsetMax");
            if (max.getLong(null) == 0) {
                long mask = (long) globals.getMethod("ZAddressOffsetMask").invoke(null);
                max.setLong(null, mask + 1);
            }
            mediumType = globals.getField("ZPageTypeMedium").getByte(null);
            pageType = db.lookupType("ZPage").getCIntegerField("_type");
            virtualOffset = db.lookupType("ZPage").getField("_virtual").getOffset();
            virtualStart = db.lookupType("ZVirtualMemory").getField("_start").getOffset();
            virtualEnd = db.lookupType("ZVirtualMemory").getField("_end").getOffset();
            SaZgcHeap.useHeapClass(db, SaZgc17Heap.class);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No --add-opens, or an SA whose ZGC classes differ.
            return false;
        }
    }

    @Override
    public void liveRegionsIterate(LiveRegionsClosure closure) {
        super.liveRegionsIterate(page -> closure.doLiveRegions(isMedium(page) ? perObject(page) : page));
    }

    private static boolean isMedium(LiveRegionsProvider page) {
        return page instanceof sun.jvm.hotspot.runtime.VMObject o
                && pageType.getValue(o.getAddress()) == mediumType;
    }

    /** The page's objects, each its own region: stepped over with the medium pages' object alignment. */
    private static LiveRegionsProvider perObject(LiveRegionsProvider page) {
        Address at = ((sun.jvm.hotspot.runtime.VMObject) page).getAddress().addOffsetTo(virtualOffset);
        long pageSize = at.getCIntegerAt(virtualEnd, 8, true) - at.getCIntegerAt(virtualStart, 8, true);
        long alignment = 1L << (Long.numberOfTrailingZeros(pageSize) - 13);
        List<MemRegion> objects = new ArrayList<>();
        for (MemRegion r : page.getLiveRegions()) {
            Address end = r.end();
            Address p = r.start();
            while (p != null && p.lessThan(end)) {
                long size;
                try {
                    OopHandle h = p.addOffsetToAsOopHandle(0);
                    size = VM.getVM().getObjectHeap().newOop(h).getObjectSize();
                } catch (RuntimeException e) {
                    // No object here (a page being filled when the core was taken): the rest is not walkable.
                    break;
                }
                if (size <= 0) {
                    break;
                }
                objects.add(new MemRegion(p, p.addOffsetTo(size)));
                p = p.addOffsetTo((size + alignment - 1) & -alignment);
            }
        }
        return () -> objects;
    }
}
