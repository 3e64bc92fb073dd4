package io.sashell.sa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.utilities.LivenessPathElement;
import sun.jvm.hotspot.utilities.ReversePtrs;
import sun.jvm.hotspot.utilities.ReversePtrsAnalysis;

/**
 * The second oracle of the index's inbound edges (JDK 17; on 25 it has died with "Corrupted constant pool"):
 * SA's own {@code ReversePtrsAnalysis}, which walks from its roots and records, for every object it reaches, the
 * objects it reached that point at it.
 */
public final class SaReversePointers {
    private SaReversePointers() {
    }

    /**
     * Runs the analysis (once per attachment) and answers, for each address, the addresses of the objects that
     * point at it (roots left out), or no entry when the analysis did not reach the object.
     */
    public static Map<Long, List<Long>> referrers(long[] addresses) {
        new ReversePtrsAnalysis().run();
        ReversePtrs rp = VM.getVM().getRevPtrs();
        Map<Long, List<Long>> out = new HashMap<>();
        for (long a : addresses) {
            Oop oop = VM.getVM().getObjectHeap().newOop(
                    VM.getVM().getDebugger().parseAddress("0x" + Long.toHexString(a)).addOffsetToAsOopHandle(0));
            List<LivenessPathElement> elements = rp.get(oop);
            if (elements == null) {
                continue;
            }
            List<Long> from = new ArrayList<>();
            for (LivenessPathElement e : elements) {
                if (e.getObj() != null) {
                    from.add(e.getObj().getHandle().asLongValue());
                }
            }
            out.put(a, from);
        }
        return out;
    }

    /** Whether the analysis reached the object at {@code address} (after {@link #referrers} ran). */
    public static boolean reached(long address) {
        Oop oop = VM.getVM().getObjectHeap().newOop(
                VM.getVM().getDebugger().parseAddress("0x" + Long.toHexString(address)).addOffsetToAsOopHandle(0));
        return VM.getVM().getRevPtrs().get(oop) != null;
    }
}
