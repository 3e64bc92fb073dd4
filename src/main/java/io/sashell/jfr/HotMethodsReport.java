package io.sashell.jfr;

import java.util.List;

/**
 * The answer of {@code jfr cpu} and {@code jfr threads}: Java execution samples ({@code jdk.ExecutionSample})
 * by the method on top of the stack, and by thread with each thread's hottest method.
 */
public record HotMethodsReport(long samples, long nativeSamples, List<Method> methods, List<ThreadSamples> threads) {
    public HotMethodsReport {
        methods = List.copyOf(methods);
        threads = List.copyOf(threads);
    }

    /** A method: samples with it on top ({@code self}), and samples with it anywhere on the stack. */
    public record Method(String method, long self, long total) {
    }

    /** One thread: its samples and the method on top most often. */
    public record ThreadSamples(String thread, long samples, String topMethod, long topMethodSamples) {
    }
}
