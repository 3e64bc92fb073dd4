package io.sashell.heap;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Runs parts {@code 0..parts-1} of one job at once: part 0 on the calling thread, the others on daemon threads
 * of their own; used by the heap walk and the index build. The first failure sets {@code cancel} (the parts
 * check it now and then and stop); an interrupt of the calling thread cancels the whole job.
 */
public final class PartsRunner {
    private PartsRunner() {
    }

    /**
     * @param threadName the helper threads' name, followed by their part number
     * @param cancelled  the message of the {@link CancellationException} thrown when the caller was interrupted
     * @throws CancellationException when the calling thread is interrupted (it stays interrupted)
     */
    public static void run(int parts, String threadName, AtomicBoolean cancel, String cancelled, IntConsumer part) {
        Throwable[] failures = new Throwable[parts];
        Thread[] helpers = new Thread[parts - 1];
        for (int i = 1; i < parts; i++) {
            int n = i;
            helpers[i - 1] = new Thread(() -> runPart(n, part, failures, cancel), threadName + i);
            helpers[i - 1].setDaemon(true);
            helpers[i - 1].start();
        }
        runPart(0, part, failures, cancel);
        boolean interrupted = false;
        for (Thread t : helpers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel.set(true);
                }
            }
        }
        if (interrupted || Thread.currentThread().isInterrupted()) {
            // Cancelled: whatever else failed (a file closed by the interrupt) failed because of it.
            Thread.currentThread().interrupt();
            throw new CancellationException(cancelled);
        }
        // A part's own failure first: the others may only have stopped because of it.
        Throwable first = null;
        for (Throwable t : failures) {
            if (t != null && (first == null || first instanceof CancellationException)) {
                first = t;
            }
        }
        if (first instanceof RuntimeException e) {
            throw e;
        } else if (first instanceof Error e) {
            throw e;
        } else if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    private static void runPart(int n, IntConsumer part, Throwable[] failures, AtomicBoolean cancel) {
        try {
            part.accept(n);
        } catch (Throwable t) {
            failures[n] = t;
            cancel.set(true);
        }
    }
}
