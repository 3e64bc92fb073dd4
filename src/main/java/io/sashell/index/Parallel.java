package io.sashell.index;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sashell.heap.PartsRunner;

/**
 * Runs one body over contiguous ranges of ids on a few threads, the calling one included; cancelled when the
 * calling thread is interrupted (the body calls {@link Cancel#check()} now and then).
 */
final class Parallel {
    private Parallel() {
    }

    /** Work on the ids [from, to) as part {@code part}. */
    interface Body {
        void run(int part, long from, long to, Cancel cancel);
    }

    /** Shared by the threads of one run: set by the first failure or by an interrupt of the caller. */
    static final class Cancel {
        private final AtomicBoolean flag = new AtomicBoolean();

        void check() {
            if (flag.get() || Thread.currentThread().isInterrupted()) {
                flag.set(true);
                throw new CancellationException("index build cancelled");
            }
        }
    }

    /** Range bounds: {@code parts + 1} values from 0 to n, inner ones multiples of {@code align}. */
    static long[] bounds(long n, int parts, long align) {
        long per = (n + parts - 1) / Math.max(1, parts);
        per = (per + align - 1) / align * align;
        long[] b = new long[parts + 1];
        for (int i = 0; i <= parts; i++) {
            b[i] = Math.min(n, per * i);
        }
        b[parts] = n;
        return b;
    }

    static void run(long n, int threads, long align, Body body) {
        int parts = (int) Math.max(1, Math.min(threads, (n + align - 1) / align));
        long[] b = bounds(n, parts, align);
        Cancel cancel = new Cancel();
        PartsRunner.run(parts, "index-builder-", cancel.flag, "index build cancelled",
                part -> body.run(part, b[part], b[part + 1], cancel));
    }
}
