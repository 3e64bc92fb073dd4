package io.sashell.sa;

/** Instances of one loaded class (one klass address): how many and their shallow bytes. */
public record KlassCount(long klass, String name, long loader, String loaderName, long count, long bytes) {
}
