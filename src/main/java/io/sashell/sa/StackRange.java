package io.sashell.sa;

/**
 * A thread's stack in the core's memory, [low, high), for a conservative scan where SA could not walk the
 * thread's frames precisely ({@code reason} says why).
 */
public record StackRange(String threadName, long threadObject, long osThreadId, long low, long high, String reason) {
}
