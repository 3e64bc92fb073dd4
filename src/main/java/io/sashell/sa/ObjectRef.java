package io.sashell.sa;

/** One object: where it starts, its klass and its shallow size in bytes. */
public record ObjectRef(long address, long klass, long size) {
}
