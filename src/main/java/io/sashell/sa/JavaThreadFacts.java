package io.sashell.sa;

/**
 * One Java thread of the core. {@code osThreadId} is the kernel's tid (it matches the core's NT_PRSTATUS
 * notes); {@code javaId} the value of {@code Thread.getId()}; {@code state} the Java thread state and
 * {@code vmState} where the VM saw the thread (in Java, in native, in VM, blocked).
 */
public record JavaThreadFacts(int index, String name, long javaId, long osThreadId, String state, String vmState,
                              boolean daemon, long threadAddress, long threadObjectAddress) {
}
