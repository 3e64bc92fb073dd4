package io.sashell.sa;

import java.util.Map;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.interpreter.OopMapCacheEntry;
import sun.jvm.hotspot.oops.Method;

/**
 * SA's Method wrapper that keeps the oop masks it computes: SA works out which locals and stack slots of an
 * interpreted frame hold references anew for every frame, by an abstract interpretation of the whole method
 * ({@code GenerateOopMap}), where the VM keeps them in a cache. The threads of a server mostly wait in the same
 * methods at the same places: on a JDK 25 core of 400 threads 25 calls deep in one method, those repeated
 * interpretations were a quarter of listing the roots. A mask depends on the method and the bytecode position
 * alone (the memory of a core does not change), so the masks are kept per method and position, for the attached
 * VM ({@link SaMetadataTypes} makes these wrappers, and holds the masks). A failed computation is not kept.
 */
final class SaMethod extends Method {
    /** A method's address and a bytecode position in it. */
    record Position(long method, int bci) {
        // Written out: a record's own equals and hashCode are made through method handles at their first call
        // (23 classes generated and loaded, with the JIT cold, before every export's walk).
        @Override
        public boolean equals(Object o) {
            return o instanceof Position p && p.method == method && p.bci == bci;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(method) * 31 + bci;
        }
    }

    private final Map<Position, OopMapCacheEntry> masks;

    SaMethod(Address addr, Map<Position, OopMapCacheEntry> masks) {
        super(addr);
        this.masks = masks;
    }

    @Override
    public OopMapCacheEntry getMaskFor(int bci) {
        Position at = new Position(getAddress().asLongValue(), bci);
        OopMapCacheEntry known = masks.get(at);
        if (known != null) {
            return known;
        }
        OopMapCacheEntry made = super.getMaskFor(bci);
        masks.putIfAbsent(at, made);
        return made;
    }
}
