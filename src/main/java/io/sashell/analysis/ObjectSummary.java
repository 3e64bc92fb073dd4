package io.sashell.analysis;

import io.sashell.index.HeapIndex;

/** An object as results show it: address, class (a mirror with the class it stands for), shallow size. */
public record ObjectSummary(long address, String className, long size) {

    static ObjectSummary of(HeapIndex index, int id) {
        return new ObjectSummary(index.address(id), index.displayName(id), index.size(id));
    }
}
