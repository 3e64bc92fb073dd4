package io.sashell.analysis;

import java.util.List;

import io.sashell.sa.ObjectRef;

/** Instances of the classes a name selected: the shown ones, and totals over all of them. */
public record InstancesResult(String className, List<String> classes, List<ObjectRef> shown, long count,
                              long bytes) {
    public InstancesResult {
        classes = List.copyOf(classes);
        shown = List.copyOf(shown);
    }
}
