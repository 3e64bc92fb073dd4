package io.sashell.sa;

/**
 * A Java thread's thread-local allocation buffer. Objects lie in [start, top); [top, hardEnd) is unallocated
 * (it may hold stale bytes). {@code hardEnd} is SA's: {@code end} plus the alignment reserve. {@code thread} is
 * the address of the VM's JavaThread.
 */
public record SaHeapTlab(long thread, long start, long top, long end, long hardEnd) {
}
