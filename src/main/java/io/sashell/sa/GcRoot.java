package io.sashell.sa;

/**
 * One GC root: the object it holds, its kind, and where it lives ({@code description}, one line, e.g.
 * {@code "worker" frame 2 Server.handle:57 (interpreted), local 1 (request)},
 * {@code "worker" frame 0 Cache.get:88 (compiled), slot sp+0x18}, {@code JNI global handle 0x7f..},
 * {@code monitor held by frame 3 Queue.take:40 (interpreted) of "worker"},
 * {@code inflated monitor 0x7f.., owned by "worker", 0 waiting, 1 contending}, {@code java.lang.String} (a system
 * class), {@code OopStorage "VM Global" slot 0x7f..}). {@code threadName} and {@code threadObject} are set for
 * roots that belong to a thread (empty and 0 otherwise).
 */
public record GcRoot(long object, RootKind kind, String description, String threadName, long threadObject) {
}
