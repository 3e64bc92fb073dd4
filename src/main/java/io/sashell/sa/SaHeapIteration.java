package io.sashell.sa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import sun.jvm.hotspot.oops.ObjectHistogram;
import sun.jvm.hotspot.oops.ObjectHistogramElement;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.runtime.VM;

/**
 * SA's own heap walk and histogram ({@code ObjectHeap.iterate} into SA's {@code ObjectHistogram}: what
 * {@code jhsdb clhsdb jhisto} prints, row names included). The {@code --engine sa} path, the engine for collectors
 * the walker does not know, and the oracle the fast walker is tested against (with every object's address).
 * Slow: on JDK 17 about 120k objects per second.
 */
public final class SaHeapIteration {

    private SaHeapIteration() {
    }

    /**
     * Walks the heap of the attached VM with SA.
     *
     * @param withAddresses also record every object's address, in the order SA visits them
     * @throws CancellationException when the thread is interrupted (checked every 4096 objects; the interrupt
     *                               status stays set)
     * @throws SaException when SA is not attached or its walk fails (SA 25 cannot walk ZGC; a klass pointer to
     *                     other metadata aborts SA's walk)
     */
    public static SaHeapIterationResult run(boolean withAddresses) {
        VM vm = VM.getVM();
        if (vm == null) {
            throw new SaException("the Serviceability Agent is not attached to a VM");
        }
        refuseUnlistedZgc(vm);
        Visitor visitor = new Visitor(withAddresses);
        try {
            vm.getObjectHeap().iterate(visitor);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SaException("the Serviceability Agent could not walk this heap: " + SaErrors.oneLine(e), e);
        }
        List<KlassCount> rows = new ArrayList<>();
        for (ObjectHistogramElement el : visitor.getElements()) {
            Oop loader = SaKlassNames.loader(el.getKlass());
            rows.add(new KlassCount(SaAddresses.of(el.getKlass().getAddress()), el.getDescription(),
                    loader == null ? 0 : SaAddresses.of(loader.getHandle()), SaKlassNames.loaderName(loader),
                    el.getCount(), el.getSize()));
        }
        return new SaHeapIterationResult(rows, withAddresses ? Arrays.copyOf(visitor.addresses, visitor.count) : null);
    }

    /**
     * SA 17's own ZGC (non-generational) sizes its page table by {@code ZGlobals.ZAddressOffsetMax}, a constant
     * the VM exports before ZGC computes it: it reads 0, so SA sees no page and would answer "no objects" (jhsdb's
     * jhisto prints "Total : 0 0"). {@link SaZgc17Heap} sets it after attach (and walks the medium pages SA then
     * stops in); where it could not be installed (no --add-opens), say so instead.
     */
    private static void refuseUnlistedZgc(VM vm) {
        if (!vm.getUniverse().heap().getClass().getSimpleName().equals("ZCollectedHeap")) {
            return;
        }
        long max;
        try {
            max = Class.forName("sun.jvm.hotspot.gc.z.ZGlobals").getField("ZAddressOffsetMax").getLong(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return;
        }
        if (max == 0) {
            throw new SaException("the Serviceability Agent cannot list this ZGC heap (JDK 17, non-generational):"
                    + " it reads ZAddressOffsetMax as 0, a constant captured before ZGC sets it, and so finds no"
                    + " page; sa-shell's own walker reads generational ZGC (JDK 21 and later) only");
        }
    }

    /** SA's histogram (jhisto's counting and names), plus the addresses when asked and the cancellation check. */
    private static final class Visitor extends ObjectHistogram {
        private final boolean withAddresses;
        private long[] addresses = new long[1024];
        private int count;
        private long visited;

        Visitor(boolean withAddresses) {
            this.withAddresses = withAddresses;
        }

        @Override
        public boolean doObj(Oop obj) {
            if ((++visited & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("SA's heap walk cancelled");
            }
            if (withAddresses) {
                if (count == addresses.length) {
                    addresses = Arrays.copyOf(addresses, count * 2);
                }
                addresses[count++] = SaAddresses.of(obj.getHandle());
            }
            return super.doObj(obj);
        }
    }
}
