package io.sashell.sa;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.runtime.VM;

/** Conversions between SA's address objects and plain {@code long}s. */
final class SaAddresses {
    private SaAddresses() {
    }

    static long of(Address a) {
        return a == null ? 0L : a.asLongValue();
    }

    static Address toAddress(long value) {
        return VM.getVM().getDebugger().parseAddress(String.format("0x%x", value));
    }

    static OopHandle toOopHandle(long value) {
        Address a = toAddress(value);
        return a == null ? null : a.addOffsetToAsOopHandle(0);
    }
}
