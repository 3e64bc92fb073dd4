package io.sashell.sa;

import java.util.Arrays;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.JVMDebugger;
import sun.jvm.hotspot.types.Type;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * Reads the forwarding entries of generational ZGC (JDK 21+) from a core: each generation's forwarding table
 * (a granule map of {@code ZForwarding*}, one per page relocated in its last cycle, kept until the next cycle
 * has remapped every stale pointer), each forwarding's entries ({@code ZForwardingEntry}: a hash table attached
 * right after the {@code ZForwarding}, of {@code _entries._length} 64-bit words), and the load-bad colour mask.
 * The types and fields are in SA's type database; the tables are found as {@link SaZgcHeap#forwardingTable}.
 */
final class SaZgcForwardingTables {

    /** Bits of a forwarding entry: populated (bit 0), the new offset (bits 1-45), the old object index (46-63). */
    private static final int TO_SHIFT = 1;
    private static final long TO_MASK = (1L << 45) - 1;
    private static final int FROM_SHIFT = 46;
    /** Bytes of a table read at once: one page of SA's cache. */
    private static final int CHUNK = 4096;

    private SaZgcForwardingTables() {
    }

    /** The forwardings of both generations, or {@link SaZgcForwardings#none()} when they cannot be read. */
    static SaZgcForwardings read(TypeDataBase db, JVMDebugger debugger, long heapBase, long pageTableAddress,
                                 String[] generations) {
        try {
            Type forwarding = db.lookupType("ZForwarding", false);
            Type map = db.lookupType("ZGranuleMapForForwarding", false);
            Type globals = db.lookupType("ZGlobalsForVMStructs", false);
            if (forwarding == null || map == null || globals == null
                    || forwarding.getField("_entries", false, false) == null) {
                return SaZgcForwardings.none();
            }
            Address instance = globals.getAddressField("_instance_p").getValue();
            long loadBad = instance.getAddressAt(globals.getField("_ZPointerLoadBadMask").getOffset())
                    .getCIntegerAt(0, 8, true);
            Layout layout = new Layout(db, forwarding, map);
            long[] pairs = new long[1024];
            int n = 0;
            long[] stale = new long[1024];
            int staleCount = 0;
            for (String symbol : generations) {
                Address table = SaZgcHeap.forwardingTable(debugger, symbol, pageTableAddress);
                if (table == null) {
                    return SaZgcForwardings.none();
                }
                long slots = table.getCIntegerAt(0, 8, true);
                Address array = table.getAddressAt(layout.mapOffset);
                if (array == null || slots <= 0) {
                    continue;
                }
                long previous = 0;
                for (long first = 0; first < slots; first += CHUNK / 8) {
                    long count = Math.min(CHUNK / 8, slots - first);
                    long[] data = SaZgcHeap.readWords(debugger, array.asLongValue() + first * 8, count);
                    if (data == null) {
                        continue;
                    }
                    for (int i = 0; i < count; i++) {
                        long f = data[i];
                        if (f == 0 || f == previous) {
                            continue;
                        }
                        previous = f;
                        long[] entries = layout.entries(debugger, f, heapBase);
                        if (n + entries.length > pairs.length) {
                            pairs = Arrays.copyOf(pairs, Math.max(pairs.length * 2, n + entries.length));
                        }
                        System.arraycopy(entries, 0, pairs, n, entries.length);
                        n += entries.length;
                        if (layout.pageNotReleased(debugger, f, heapBase, entries)) {
                            if (staleCount + entries.length / 2 > stale.length) {
                                stale = Arrays.copyOf(stale, Math.max(stale.length * 2, staleCount + entries.length));
                            }
                            for (int e = 0; e < entries.length; e += 2) {
                                stale[staleCount++] = entries[e];
                            }
                        }
                    }
                }
            }
            long[] staleCopies = Arrays.copyOf(stale, staleCount);
            Arrays.sort(staleCopies);
            return sorted(loadBad, Arrays.copyOf(pairs, n), staleCopies);
        } catch (RuntimeException e) {
            return SaZgcForwardings.none();
        }
    }

    /** Pairs (old, new) sorted by old address; an old address twice keeps its first entry. */
    private static SaZgcForwardings sorted(long loadBad, long[] pairs, long[] staleCopies) {
        int count = pairs.length / 2;
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(pairs[a * 2], pairs[b * 2]));
        long[] from = new long[count];
        long[] to = new long[count];
        int u = 0;
        for (int k = 0; k < count; k++) {
            int i = order[k];
            if (u > 0 && from[u - 1] == pairs[i * 2]) {
                continue;
            }
            from[u] = pairs[i * 2];
            to[u] = pairs[i * 2 + 1];
            u++;
        }
        return new SaZgcForwardings(loadBad, Arrays.copyOf(from, u), Arrays.copyOf(to, u), true, staleCopies);
    }

    /** Offsets of the fields a forwarding's entries need. */
    private static final class Layout {
        final long mapOffset;
        final long startOffset;
        final long shiftOffset;
        final long lengthOffset;
        final long entriesOffset;
        final long sizeOffset;
        final long refCountOffset;

        Layout(TypeDataBase db, Type forwarding, Type map) {
            Type virtualMemory = db.lookupType("ZVirtualMemory");
            Type attached = db.lookupType("ZAttachedArrayForForwarding");
            mapOffset = map.getField("_map").getOffset();
            startOffset = forwarding.getField("_virtual").getOffset() + virtualMemory.getField("_start").getOffset();
            shiftOffset = forwarding.getField("_object_alignment_shift").getOffset();
            sizeOffset = forwarding.getField("_virtual").getOffset() + virtualMemory.getField("_size").getOffset();
            refCountOffset = forwarding.getField("_ref_count").getOffset();
            lengthOffset = forwarding.getField("_entries").getOffset() + attached.getField("_length").getOffset();
            // ZAttachedArray: the array follows the object, aligned to the entry size.
            long entrySize = db.lookupType("ZForwardingEntry").getSize();
            entriesOffset = (forwarding.getSize() + entrySize - 1) / entrySize * entrySize;
        }

        /**
         * Whether the forwarding's page still holds the old copies of its forwarded objects: not yet released
         * ({@code _ref_count} not 0) and not relocated in place (no new address inside the page, where old
         * addresses may since hold other objects).
         */
        boolean pageNotReleased(JVMDebugger debugger, long f, long heapBase, long[] entries) {
            Address a = debugger.newAddress(f);
            if (a.getCIntegerAt(refCountOffset, 4, false) == 0) {
                return false;
            }
            long start = heapBase + a.getCIntegerAt(startOffset, 8, true);
            long end = start + a.getCIntegerAt(sizeOffset, 8, true);
            for (int e = 1; e < entries.length; e += 2) {
                if (entries[e] >= start && entries[e] < end) {
                    return false;
                }
            }
            return true;
        }

        /** (old address, new address) of each populated entry of the forwarding at {@code f}. */
        long[] entries(JVMDebugger debugger, long f, long heapBase) {
            Address a = debugger.newAddress(f);
            long start = heapBase + a.getCIntegerAt(startOffset, 8, true);
            int shift = (int) a.getCIntegerAt(shiftOffset, 8, true);
            long length = a.getCIntegerAt(lengthOffset, 8, true);
            if (length <= 0 || length > (1L << 24) || shift < 3 || shift > 30) {
                return new long[0];
            }
            long[] data = SaZgcHeap.readWords(debugger, f + entriesOffset, length);
            if (data == null) {
                return new long[0];
            }
            long[] out = new long[(int) length * 2];
            int n = 0;
            for (int i = 0; i < length; i++) {
                long e = data[i];
                if ((e & 1) == 0) {
                    continue;
                }
                out[n++] = start + ((e >>> FROM_SHIFT) << shift);
                out[n++] = heapBase + ((e >>> TO_SHIFT) & TO_MASK);
            }
            return Arrays.copyOf(out, n);
        }
    }
}
