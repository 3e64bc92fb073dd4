package io.sashell.core;

/** A read of process memory the core does not hold (not mapped, or cut off by truncation). */
public final class UnreadableMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long address;

    public UnreadableMemoryException(long address) {
        super(String.format("address 0x%x is not in the core", address));
        this.address = address;
    }

    public long address() {
        return address;
    }
}
