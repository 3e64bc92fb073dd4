package io.sashell.sa;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.JVMDebugger;
import sun.jvm.hotspot.gc.shared.CollectedHeap;
import sun.jvm.hotspot.gc.z.ZCollectedHeap;
import sun.jvm.hotspot.memory.Universe;
import sun.jvm.hotspot.runtime.VirtualConstructor;
import sun.jvm.hotspot.types.Type;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * Reads the pages of a generational ZGC heap (JDK 21+) from the VM SA is attached to, which SA itself cannot
 * list. The page table comes from SA's type database ({@code ZCollectedHeap._heap}, {@code ZHeap._page_table},
 * {@code ZPageTable._map}, {@code ZGranuleMapForPageTable._map}, {@code ZPage._type/_virtual/_top},
 * {@code ZVirtualMemory._start/_size}); what it does not export is looked up by symbol in libjvm (HotSpot's
 * own names): {@code ZAddressHeapBase}, {@code ZObjectAlignmentMediumShift}, and the granule map's
 * {@code _size}, its first field.
 */
final class SaZgcHeap {

    private static final int SMALL = 0;
    private static final int MEDIUM = 1;
    private static final int LARGE = 2;
    /** Bytes of the page table read at once: one page of SA's cache. */
    private static final int CHUNK = 4096;
    /** HotSpot's {@code ZGeneration::_young} and {@code ZGeneration::_old}, mangled. */
    static final String[] GENERATIONS = {"_ZN11ZGeneration6_youngE", "_ZN11ZGeneration4_oldE"};

    private SaZgcHeap() {
    }

    /** Whether the VM's heap is ZGC with the generational page table (JDK 21+), as against JDK 17's. */
    static boolean isGenerational(TypeDataBase db) {
        // JDK 17's ZGC has the same page table types; only the generational one colours pointers with
        // per-pointer load shifts, and exports the global shift as _ZPointerLoadShift.
        Type globals = db.lookupType("ZGlobalsForVMStructs", false);
        return globals != null && db.lookupType("ZPage", false) != null
                && db.lookupType("ZGranuleMapForPageTable", false) != null
                && globals.getField("_ZPointerLoadShift", false, false) != null;
    }

    /**
     * Makes SA build the attached VM's ZGC heap object as {@code heapClass} (SA makes it anew at each
     * {@code Universe.heap()} call, from a private table of type names): needs {@code --add-opens ...memory}.
     */
    static void useHeapClass(TypeDataBase db, Class<? extends ZCollectedHeap> heapClass)
            throws ReflectiveOperationException {
        Field f = Universe.class.getDeclaredField("heapConstructor");
        f.setAccessible(true);
        VirtualConstructor constructor = new VirtualConstructor(db);
        constructor.addMapping("ZCollectedHeap", heapClass);
        f.set(null, constructor);
    }

    /** Adds one range per page, in address order, and returns the rest of the layout. */
    static SaZgcLayout read(TypeDataBase db, JVMDebugger debugger, CollectedHeap heap, List<SaHeapRange> out) {
        long heapBase = readSymbolLong(debugger, "ZAddressHeapBase", 8);
        int mediumShift = (int) readSymbolLong(debugger, "ZObjectAlignmentMediumShift", 4);
        long granuleShift = constant(db, "ZGranuleSizeShift");
        long granuleSize = 1L << granuleShift;
        Long smallShift = longOrInt(db, "ZPageSizeSmallShift");
        long smallPageSize = smallShift == null ? granuleSize : 1L << smallShift;

        Type zch = db.lookupType("ZCollectedHeap");
        Type zheap = db.lookupType("ZHeap");
        Type pageTable = db.lookupType("ZPageTable");
        Type granuleMap = db.lookupType("ZGranuleMapForPageTable");
        Type page = db.lookupType("ZPage");
        Type virtualMemory = db.lookupType("ZVirtualMemory");
        long typeOffset = page.getField("_type").getOffset();
        long typeSize = db.lookupType("ZPageType").getSize();
        long virtualOffset = page.getField("_virtual").getOffset();
        long startOffset = virtualOffset + virtualMemory.getField("_start").getOffset();
        long sizeOffset = virtualOffset + virtualMemory.getField("_size").getOffset();
        long topOffset = page.getField("_top").getOffset();
        int small = intConstant(db, "ZPageType::small", SMALL);
        int medium = intConstant(db, "ZPageType::medium", MEDIUM);
        int large = intConstant(db, "ZPageType::large", LARGE);

        Address pageTableAddress = heap.getAddress()
                .addOffsetTo(zch.getField("_heap").getOffset())
                .addOffsetTo(zheap.getField("_page_table").getOffset());
        Address map = pageTableAddress.addOffsetTo(pageTable.getField("_map").getOffset());
        // ZGranuleMap<T> is { size_t _size; T* _map; }: SA exports _map only.
        long entries = map.getCIntegerAt(0, 8, true);
        Address array = map.getAddressAt(granuleMap.getField("_map").getOffset());
        if (array == null || entries <= 0) {
            throw new IllegalStateException("ZGC page table is empty or unreadable");
        }

        long[] pages = new long[3];
        long[] pageBytes = new long[3];
        long[] used = new long[3];
        long base = array.asLongValue();
        long previous = 0;
        int ordinal = 0;
        List<long[]> pageSpans = new ArrayList<>();
        for (long first = 0; first < entries; first += CHUNK / 8) {
            long n = Math.min(CHUNK / 8, entries - first);
            long[] data = readWords(debugger, base + first * 8, n);
            if (data == null) {
                // Never touched, so not in the core: no pages there.
                continue;
            }
            for (int i = 0; i < n; i++) {
                long p = data[i];
                if (p == 0 || p == previous) {
                    continue;
                }
                previous = p;
                Address pa = debugger.newAddress(p);
                int type = (int) pa.getCIntegerAt(typeOffset, typeSize, true);
                long start = heapBase + pa.getCIntegerAt(startOffset, 8, true);
                long size = pa.getCIntegerAt(sizeOffset, 8, true);
                long top = heapBase + pa.getCIntegerAt(topOffset, 8, true);
                int t = type == small ? SMALL : type == medium ? MEDIUM : type == large ? LARGE : -1;
                SaHeapRange.Type rangeType = switch (t) {
                    case SMALL -> SaHeapRange.Type.Z_SMALL_PAGE;
                    case MEDIUM -> SaHeapRange.Type.Z_MEDIUM_PAGE;
                    case LARGE -> SaHeapRange.Type.Z_LARGE_PAGE;
                    default -> SaHeapRange.Type.OTHER;
                };
                pageSpans.add(new long[] {start - heapBase, top - start});
                if (t >= 0) {
                    pages[t]++;
                    pageBytes[t] += size;
                    used[t] += top - start;
                }
                String label = String.format("ZGC %s page %d", t == SMALL ? "small" : t == MEDIUM ? "medium"
                        : t == LARGE ? "large" : "unknown", ordinal++);
                out.add(new SaHeapRange(start, top, Math.max(top, start + size), rangeType, -1, label));
            }
        }
        long[] relocating = relocating(db, debugger, value(pageTableAddress), entries, granuleShift, pageSpans);
        SaZgcForwardings forwardings = SaZgcForwardingTables.read(db, debugger, heapBase, value(pageTableAddress),
                GENERATIONS);
        return new SaZgcLayout(true, heapBase, 1 << mediumShift, smallPageSize, granuleSize, pages, pageBytes,
                used, relocating[0], relocating[1], forwardings);
    }

    /**
     * Pages (and their used bytes) that are in a relocation set and not yet released when the core was taken:
     * their objects may also have been copied to other pages, so a walk may count those twice. A page counts
     * when the forwarding table of the young or the old generation has a forwarding for it whose
     * {@code _ref_count} is not 0 (0 means relocated and released). {@code {-1, -1}} when the forwarding tables
     * cannot be found.
     * <p>
     * The tables live in {@code ZGeneration::_young} and {@code _old} (libjvm symbols) at an offset SA does not
     * export. HotSpot declares {@code _page_table} (a pointer to the heap's page table) right before
     * {@code _forwarding_table}, a granule map: found by that pointer.
     */
    private static long[] relocating(TypeDataBase db, JVMDebugger debugger, long pageTableAddress, long entries,
                                     long granuleShift, List<long[]> pageSpans) {
        try {
            Type forwarding = db.lookupType("ZForwarding", false);
            Type forwardingMap = db.lookupType("ZGranuleMapForForwarding", false);
            Type virtualMemory = db.lookupType("ZVirtualMemory");
            if (forwarding == null || forwardingMap == null) {
                return new long[] {-1, -1};
            }
            long startOffset = forwarding.getField("_virtual").getOffset() + virtualMemory.getField("_start").getOffset();
            long refCountOffset = forwarding.getField("_ref_count").getOffset();
            long mapOffset = forwardingMap.getField("_map").getOffset();
            long pagesOut = 0;
            long bytesOut = 0;
            boolean[] counted = new boolean[pageSpans.size()];
            for (String symbol : GENERATIONS) {
                Address table = forwardingTable(debugger, symbol, pageTableAddress);
                if (table == null) {
                    return new long[] {-1, -1};
                }
                // ZGranuleMap<T> is { size_t _size; T* _map; }: SA exports _map only.
                long tableEntries = table.getCIntegerAt(0, 8, true);
                Address array = table.getAddressAt(mapOffset);
                if (array == null || tableEntries <= 0 || tableEntries > entries) {
                    return new long[] {-1, -1};
                }
                for (int i = 0; i < pageSpans.size(); i++) {
                    long[] span = pageSpans.get(i);
                    long index = span[0] >>> granuleShift;
                    if (index >= tableEntries) {
                        continue;
                    }
                    Address f = array.getAddressAt(index * 8);
                    if (f == null || counted[i] || f.getCIntegerAt(startOffset, 8, true) != span[0]) {
                        continue;
                    }
                    if (f.getCIntegerAt(refCountOffset, 4, false) != 0) {
                        counted[i] = true;
                        pagesOut++;
                        bytesOut += span[1];
                    }
                }
            }
            return new long[] {pagesOut, bytesOut};
        } catch (RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /**
     * The forwarding table (a {@code ZGranuleMapForForwarding}) of the generation whose {@code ZGeneration*}
     * the libjvm symbol holds, or null. HotSpot declares {@code _page_table} (a pointer to the heap's page table)
     * right before {@code _forwarding_table}: found by that pointer.
     */
    static Address forwardingTable(JVMDebugger debugger, String generationSymbol, long pageTableAddress) {
        Address slot = debugger.lookup(null, generationSymbol);
        Address generation = slot == null ? null : slot.getAddressAt(0);
        if (generation == null) {
            return null;
        }
        for (long off = 0; off < 256; off += 8) {
            if (generation.getCIntegerAt(off, 8, true) == pageTableAddress) {
                return generation.addOffsetTo(off + 8);
            }
        }
        return null;
    }

    /**
     * {@code count} 64-bit words at {@code address}, read through SA's page cache (so that redaction's read
     * recorder sees them), or null when the core does not hold them all.
     */
    static long[] readWords(JVMDebugger debugger, long address, long count) {
        long[] out = new long[(int) count];
        try {
            Address a = debugger.newAddress(address);
            for (int i = 0; i < count; i++) {
                out[i] = a.getCIntegerAt(i * 8L, 8, true);
            }
        } catch (RuntimeException e) {
            // UnmappedAddressException and kin: not in the core.
            return null;
        }
        return out;
    }

    private static long value(Address a) {
        return a == null ? 0 : a.asLongValue();
    }

    private static long readSymbolLong(JVMDebugger debugger, String symbol, int bytes) {
        Address a = debugger.lookup(null, symbol);
        if (a == null) {
            throw new IllegalStateException("libjvm has no symbol " + symbol
                    + " (a stripped libjvm: sa-shell needs its symbol table for ZGC heaps)");
        }
        return a.getCIntegerAt(0, bytes, true);
    }

    private static long constant(TypeDataBase db, String name) {
        Long v = longOrInt(db, name);
        if (v == null) {
            throw new IllegalStateException("the VM's type database has no constant " + name);
        }
        return v;
    }

    private static Long longOrInt(TypeDataBase db, String name) {
        Long v = db.lookupLongConstant(name, false);
        if (v != null) {
            return v;
        }
        Integer i = db.lookupIntConstant(name, false);
        return i == null ? null : (long) i;
    }

    private static int intConstant(TypeDataBase db, String name, int fallback) {
        Integer v = db.lookupIntConstant(name, false);
        return v == null ? fallback : v;
    }
}
