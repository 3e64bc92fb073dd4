package io.sashell.analysis;

/** One loaded class in a histogram. {@code loader} is 0 for the boot loader. */
public record HistogramRow(String className, long count, long bytes, long klass, long loader, String loaderName) {
}
