package io.sashell.sa;

/**
 * One GC root: the object it holds, its kind, and where it lives ({@code description}: "frame 2 of KnownGraph.idle,
 * local slot 1", "JNI global 0x7f..", "static ..."). {@code threadName} and {@code threadObject} are set for
 * roots that belong to a thread (empty and 0 otherwise).
 */
public record GcRoot(long object, RootKind kind, String description, String threadName, long threadObject) {
}
