package io.sashell.sa;

/**
 * How narrow (32-bit) oops or klass pointers decode: {@code base + (narrow << shift)}, 0 meaning null.
 * {@code enabled} false means the pointers are stored whole (8 bytes).
 */
public record SaHeapCompression(boolean enabled, long base, int shift) {

    private static final SaHeapCompression OFF = new SaHeapCompression(false, 0, 0);

    public static SaHeapCompression off() {
        return OFF;
    }

    public static SaHeapCompression of(long base, int shift) {
        return new SaHeapCompression(true, base, shift);
    }

    /** The full pointer for a narrow value read as an unsigned 32-bit number; 0 stays 0. */
    public long decode(long narrow) {
        return narrow == 0 ? 0 : base + (narrow << shift);
    }
}
