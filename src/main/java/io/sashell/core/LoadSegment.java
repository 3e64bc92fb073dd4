package io.sashell.core;

/**
 * One PT_LOAD program header of a core: {@code memSize} bytes of the process at {@code vaddr}, of which the
 * first {@code fileSize} are stored in the core at {@code fileOffset} (the rest was not dumped).
 * {@code flags} are the ELF PF_R / PF_W / PF_X bits.
 */
public record LoadSegment(long vaddr, long memSize, long fileOffset, long fileSize, int flags) {
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    /** First address past the segment. */
    public long end() {
        return vaddr + memSize;
    }

    public boolean contains(long address) {
        return address - vaddr >= 0 && address - vaddr < memSize;
    }

    public boolean isReadable() {
        return (flags & PF_R) != 0;
    }

    public boolean isWritable() {
        return (flags & PF_W) != 0;
    }

    public boolean isExecutable() {
        return (flags & PF_X) != 0;
    }
}
