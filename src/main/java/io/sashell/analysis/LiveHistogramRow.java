package io.sashell.analysis;

/** One class: all its instances and those a GC root reaches (the rest is garbage not yet collected). */
public record LiveHistogramRow(String className, long klass, String loaderName, long count, long bytes,
                               long liveCount, long liveBytes) {
}
