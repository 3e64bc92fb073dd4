package io.sashell.index;

import java.util.ArrayList;
import java.util.List;

import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

/** What the build needs of one class: its reference fields by offset, and its totals as the passes count them. */
final class KlassMeta {
    final long address;
    final SaKlassInfo info;
    final SaKlassKind kind;
    final ReferenceType referenceType;
    /** Offsets of the reference fields other than a Reference's referent, then of the VM's injected ones. */
    final long[] oops;
    final long referentOffset;
    /** For stack chunks, where the frames lie; else null. */
    final IndexedKlass.StackChunkLayout chunk;
    int mirror = -1;
    long count;
    long bytes;
    long liveCount;
    long liveBytes;
    long iteratedCount;
    long iteratedBytes;

    KlassMeta(long address, SaKlassInfo info, ReferenceType referenceType) {
        this.address = address;
        this.info = info;
        this.kind = info.kind();
        this.referenceType = referenceType;
        List<Long> offsets = new ArrayList<>();
        long referent = -1;
        if (!kind.isArray()) {
            for (SaKlassField f : info.referenceFields()) {
                if (referenceType != ReferenceType.NONE && HeapIndex.isReferent(f)) {
                    referent = f.offset();
                } else {
                    offsets.add(f.offset());
                }
            }
            for (SaKlassField f : info.vmReferenceFields()) {
                offsets.add(f.offset());
            }
        }
        this.oops = offsets.stream().mapToLong(Long::longValue).toArray();
        this.referentOffset = referent;
        this.chunk = kind == SaKlassKind.STACK_CHUNK ? chunkLayout(info) : null;
    }

    private static IndexedKlass.StackChunkLayout chunkLayout(SaKlassInfo info) {
        int size = -1;
        int sp = -1;
        for (SaKlassField f : info.instanceFields()) {
            if (f.signature().equals("I") && f.name().equals("size")) {
                size = (int) f.offset();
            } else if (f.signature().equals("I") && f.name().equals("sp")) {
                sp = (int) f.offset();
            }
        }
        return size < 0 || sp < 0 ? null : new IndexedKlass.StackChunkLayout((int) info.instanceSize(), size, sp);
    }
}
