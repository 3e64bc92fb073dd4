package io.sashell.heap;

/** An object the walker found: where it starts, its Klass and its size in bytes. */
public record HeapObject(long address, long klassAddress, long size) {
}
