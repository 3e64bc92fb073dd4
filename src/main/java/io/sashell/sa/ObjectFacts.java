package io.sashell.sa;

import java.util.List;

/**
 * One heap object as {@code inspect} shows it. {@code arrayLength} is -1 for instances; {@code text} holds the
 * value of a String or a boxed primitive, otherwise empty; {@code children} are the objects its reference
 * fields point at, down to the requested depth.
 */
public record ObjectFacts(long address, long klass, String className, long size, long arrayLength, String text,
                          List<FieldFacts> fields, long omittedElements, List<ObjectFacts> children) {
    public ObjectFacts {
        fields = List.copyOf(fields);
        children = List.copyOf(children);
    }
}
