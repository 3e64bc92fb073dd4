package io.sashell.analysis;

/**
 * An object with its retained size, and what keeps it: its immediate dominator and the field of it that holds
 * the object, or the GC root it is when only the virtual root dominates it.
 *
 * @param dominator the immediate dominator, null when that is the virtual root (the object is a GC root, or
 *                  reached from several)
 * @param via       the dominator's field or slot that holds the object ({@code java.util.ArrayList.elementData}),
 *                  or the root kind; empty when the dominator reaches it only through other objects
 * @param percent   of the bytes reachable from GC roots
 */
public record RetainedObject(ObjectSummary object, long retained, double percent, ObjectSummary dominator,
                             String via) {
}
