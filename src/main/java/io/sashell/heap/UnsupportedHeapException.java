package io.sashell.heap;

import io.sashell.sa.SaHeapCollector;

/** The heap's collector lays objects out in a way the fast walker does not walk (ZGC, Shenandoah). */
public final class UnsupportedHeapException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SaHeapCollector collector;

    public UnsupportedHeapException(SaHeapCollector collector) {
        super("the fast heap walker does not walk " + collector.name() + " heaps; SA's walk (--engine sa) does");
        this.collector = collector;
    }

    public SaHeapCollector collector() {
        return collector;
    }
}
