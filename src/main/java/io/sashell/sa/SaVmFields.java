package io.sashell.sa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.oops.InstanceKlass;
import sun.jvm.hotspot.runtime.VM;

/**
 * The reference slots of an instance that the VM scans and no Java field declares. The GC's truth is the
 * class's nonstatic oop maps (blocks of {offset, count} after the vtable and itable of the InstanceKlass); the
 * fields the VM injects (past {@code getJavaFieldsCount()} in SA's field list, named from vmSymbols) give the
 * slots their names. SA's {@code Oop.iterate} reads declared fields only, so without this an injected
 * reference (a mirror's {@code protection_domain}, a ResolvedMethodName's {@code vmholder}) is no edge.
 */
final class SaVmFields {
    /** Oop map blocks beyond this are not believed (a class has a handful). */
    private static final int MAX_BLOCKS = 4096;

    private SaVmFields() {
    }

    /**
     * The slots of {@code ik}'s instances in its oop maps that are not among {@code declared}, named by the
     * injected fields of the class and its supers ({@code inherited}: the super's answer), or
     * {@code <vm oop +OFFSET>} when none matches. When the oop maps cannot be read, the injected fields alone.
     */
    static List<SaKlassField> of(InstanceKlass ik, String holder, List<SaKlassField> declared,
                                 List<SaKlassField> inherited, int heapOopSize, long instanceSize) {
        Set<Long> declaredSlots = new HashSet<>();
        for (SaKlassField f : declared) {
            if (f.isReference()) {
                declaredSlots.add(f.offset());
            }
        }
        Map<Long, SaKlassField> named = new LinkedHashMap<>();
        for (SaKlassField f : inherited) {
            named.put(f.offset(), f);
        }
        try {
            for (int i = ik.getJavaFieldsCount(); i < ik.getAllFieldsCount(); i++) {
                SaKlassField f = new SaKlassField(SaSymbols.text(ik.getFieldName(i)),
                        SaSymbols.text(ik.getFieldSignature(i)), ik.getFieldOffset(i), holder);
                if (f.isReference()) {
                    named.put(f.offset(), f);
                }
            }
        } catch (RuntimeException e) {
            // Names only label the slots; the oop maps below still give them.
        }
        List<Long> slots = oopMapSlots(ik, heapOopSize, instanceSize);
        List<SaKlassField> out = new ArrayList<>();
        if (slots == null) {
            for (SaKlassField f : named.values()) {
                if (!declaredSlots.contains(f.offset())) {
                    out.add(f);
                }
            }
            return out;
        }
        for (long slot : slots) {
            if (!declaredSlots.contains(slot)) {
                SaKlassField f = named.get(slot);
                out.add(f != null ? f : new SaKlassField("<vm oop +" + slot + ">", "Ljava/lang/Object;", slot, holder));
            }
        }
        return out;
    }

    /** Every reference slot the oop maps give, ascending; null when they do not read as a sane map. */
    private static List<Long> oopMapSlots(InstanceKlass ik, int heapOopSize, long instanceSize) {
        try {
            int word = (int) VM.getVM().getAddressSize();
            long blocks = ik.getNonstaticOopMapSize() * word / 8;
            if (blocks < 0 || blocks > MAX_BLOCKS) {
                return null;
            }
            Address maps = ik.getAddress().addOffsetTo(
                    InstanceKlass.getHeaderSize() + (ik.getVtableLen() + ik.getItableLen()) * word);
            List<Long> slots = new ArrayList<>();
            for (long b = 0; b < blocks; b++) {
                long offset = maps.getJIntAt(b * 8);
                long count = maps.getJIntAt(b * 8 + 4) & 0xFFFF_FFFFL;
                if (offset <= 0 || offset + count * heapOopSize > instanceSize) {
                    return null;
                }
                for (long j = 0; j < count; j++) {
                    slots.add(offset + j * heapOopSize);
                }
            }
            slots.sort(null);
            return slots;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
