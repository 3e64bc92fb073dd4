package io.sashell.sa;

/** One Java frame: {@code line} is -1 when the method has no line table; kind is interpreted, compiled or native. */
public record FrameFacts(String className, String methodName, String signature, int bci, int line, String kind) {
}
