package io.sashell.sa;

import java.util.List;

/**
 * A thread's stack in the core's memory, [low, high), for a conservative scan where SA could not walk the
 * thread's frames precisely ({@code reason} says why). {@code registers} holds the thread's general registers
 * at the crash when the range starts at its stack pointer (a running thread keeps live oops in registers
 * too); it is empty for ranges of single frames. The floating-point/vector registers are not in it: SA does not
 * read them (the core's {@code NT_FPREGSET} note of thread {@code osThreadId} has them).
 */
public record StackRange(String threadName, long threadObject, long osThreadId, long low, long high, String reason,
                         List<Long> registers) {
    public StackRange {
        registers = List.copyOf(registers);
    }

    public StackRange(String threadName, long threadObject, long osThreadId, long low, long high, String reason) {
        this(threadName, threadObject, osThreadId, low, high, reason, List.of());
    }
}
