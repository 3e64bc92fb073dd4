package io.sashell.export;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.sashell.heap.HeapWalkProgress;
import io.sashell.heap.HeapWalker;
import io.sashell.heap.ObjectVisitor;

/**
 * The heap walk on the calling thread and the visitor on a thread of its own, the objects passed on in batches
 * in walk order: walking and encoding records take about as long as each other, so on two cores they overlap
 * (and the output's writer thread overlaps both). Memory: a few batches of three longs per object.
 */
final class WalkPipeline {
    private static final int BATCH = 1 << 14;
    private static final int QUEUED = 4;
    private static final long WAIT_MS = 100;

    private WalkPipeline() {
    }

    private static final class Batch {
        final long[] addresses = new long[BATCH];
        final long[] klasses = new long[BATCH];
        final long[] sizes = new long[BATCH];
        int n;
    }

    /** The end of the walk, or of a failed one: the visitor stops at it. */
    private static final Batch END = new Batch();

    /**
     * Walks the heap, {@code visitor} seeing every object in walk order on another thread; returns once it saw
     * them all.
     *
     * @throws CancellationException when the calling thread is interrupted (the visitor is stopped)
     */
    static void walk(HeapWalker walker, ObjectVisitor visitor, HeapWalkProgress progress) {
        BlockingQueue<Batch> full = new ArrayBlockingQueue<>(QUEUED);
        BlockingQueue<Batch> free = new ArrayBlockingQueue<>(QUEUED + 1);
        for (int i = 0; i < QUEUED + 1; i++) {
            free.add(new Batch());
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                for (Batch b = full.take(); b != END; b = full.take()) {
                    for (int i = 0; i < b.n; i++) {
                        visitor.visit(b.addresses[i], b.klasses[i], b.sizes[i]);
                    }
                    b.n = 0;
                    free.put(b);
                }
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new CancellationException("export cancelled"));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "sa-shell-export-records");
        consumer.setDaemon(true);
        consumer.start();
        Batch[] current = {null};
        try {
            walker.walk((address, klass, size) -> {
                Batch b = current[0];
                if (b == null) {
                    b = next(free, failure);
                    current[0] = b;
                }
                b.addresses[b.n] = address;
                b.klasses[b.n] = klass;
                b.sizes[b.n] = size;
                if (++b.n == BATCH) {
                    put(full, b, failure);
                    current[0] = null;
                }
            }, progress);
            if (current[0] != null) {
                put(full, current[0], failure);
            }
            put(full, END, failure);
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("export cancelled");
        } finally {
            consumer.interrupt();
        }
        rethrow(failure.get());
    }

    /** A free batch; the visitor's failure, if it failed (then it frees no more batches). */
    private static Batch next(BlockingQueue<Batch> free, AtomicReference<Throwable> failure) {
        try {
            Batch b;
            while ((b = free.poll(WAIT_MS, TimeUnit.MILLISECONDS)) == null) {
                rethrow(failure.get());
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("export cancelled");
        }
    }

    /** Hands a batch on; the visitor's failure, if it failed (then it takes no more batches). */
    private static void put(BlockingQueue<Batch> full, Batch b, AtomicReference<Throwable> failure) {
        try {
            while (!full.offer(b, WAIT_MS, TimeUnit.MILLISECONDS)) {
                rethrow(failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("export cancelled");
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
