package io.sashell.sa;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

import sun.jvm.hotspot.oops.HeapVisitor;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.runtime.VM;

/**
 * SA's own heap walk ({@code ObjectHeap.iterate}, what jhsdb's jhisto counts): the oracle the fast walker is
 * tested against, and the {@code --engine sa} path. Slow: on JDK 17 about 120k objects per second.
 */
public final class SaHeapIteration {

    private SaHeapIteration() {
    }

    /**
     * Walks the heap of the attached VM with SA.
     *
     * @param withAddresses also record every object's address, in the order SA visits them
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (checked every 4096
     *                                                    objects; the interrupt status stays set)
     * @throws IllegalStateException when SA is not attached or its walk fails (SA 25 cannot walk ZGC; a
     *                               klass pointer to other metadata aborts SA's walk)
     */
    public static SaHeapIterationResult run(boolean withAddresses) {
        VM vm = VM.getVM();
        if (vm == null) {
            throw new IllegalStateException("SA is not attached to a VM");
        }
        Visitor visitor = new Visitor(withAddresses);
        try {
            vm.getObjectHeap().iterate(visitor);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("SA's heap iteration failed: " + e, e);
        }
        return visitor.result();
    }

    private static final class Visitor implements HeapVisitor {
        private final boolean withAddresses;
        private final Map<Long, long[]> perKlass = new HashMap<>();
        private long[] addresses = new long[1024];
        private int count;
        private long visited;

        Visitor(boolean withAddresses) {
            this.withAddresses = withAddresses;
        }

        @Override
        public void prologue(long usedSize) {
        }

        @Override
        public boolean doObj(Oop obj) {
            if ((++visited & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("SA's heap walk cancelled");
            }
            long klass = SaHeapMetadata.value(obj.getKlass().getAddress());
            long size = obj.getObjectSize();
            long[] counts = perKlass.computeIfAbsent(klass, k -> new long[2]);
            counts[0]++;
            counts[1] += size;
            if (withAddresses) {
                if (count == addresses.length) {
                    addresses = Arrays.copyOf(addresses, count * 2);
                }
                addresses[count++] = SaHeapMetadata.value(obj.getHandle());
            }
            return false;
        }

        @Override
        public void epilogue() {
        }

        SaHeapIterationResult result() {
            long[] klasses = perKlass.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            long[] counts = new long[klasses.length];
            long[] bytes = new long[klasses.length];
            for (int i = 0; i < klasses.length; i++) {
                long[] c = perKlass.get(klasses[i]);
                counts[i] = c[0];
                bytes[i] = c[1];
            }
            return new SaHeapIterationResult(klasses, counts, bytes,
                    withAddresses ? Arrays.copyOf(addresses, count) : null);
        }
    }
}
