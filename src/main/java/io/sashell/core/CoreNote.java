package io.sashell.core;

/**
 * Where one ELF note of a core lies: its owner name ({@code CORE}, {@code LINUX}, {@code GDB}), its type
 * ({@code NT_PRSTATUS} 1, {@code NT_FPREGSET} 2, {@code NT_PRPSINFO} 3, {@code NT_X86_XSTATE} 0x202, ...) and the
 * file offset and size of its descriptor.
 */
public record CoreNote(String name, int type, long descOffset, long descSize) {
    public static final int NT_PRSTATUS = 1;
    public static final int NT_FPREGSET = 2;
    public static final int NT_PRPSINFO = 3;
    public static final int NT_X86_XSTATE = 0x202;
}
