package io.sashell.sa;

/** A loaded class: its klass address, jhsdb-style name, class loader and superclass (0 when none). */
public record KlassRef(long klass, String name, long loader, String loaderName, long superKlass) {
}
