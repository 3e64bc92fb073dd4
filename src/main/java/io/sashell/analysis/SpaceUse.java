package io.sashell.analysis;

/** One kind of heap space (eden, old, G1 humongous regions, ...): how many ranges, their capacity and use. */
public record SpaceUse(String kind, long ranges, long capacity, long used) {
}
