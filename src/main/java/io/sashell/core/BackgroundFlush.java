package io.sashell.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts the disk's work on a file being written while the writing goes on: after every {@link #EVERY} bytes
 * written, a background thread makes the kernel write out what is dirty so far (fdatasync). The final fsync then
 * waits for the last part only. Without it, redact and export waited for the disk after the last write as long as
 * {@code sync} after {@code cp} does (0.7-0.9 s for the 400 MB written from the benchmark core), the CPU idle.
 * Used from one thread (the one that writes, or one that waits for it).
 */
public final class BackgroundFlush implements AutoCloseable {
    /** Bytes written between two flushes. */
    public static final long EVERY = 64L << 20;
    private final FileChannel out;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sa-shell-flush");
        t.setDaemon(true);
        return t;
    });
    private Future<?> pending;
    private long unflushed;

    public BackgroundFlush(FileChannel out) {
        this.out = out;
    }

    /** Counts {@code bytes} written; starts a flush when {@link #EVERY} bytes wait and none is under way. */
    public void written(long bytes) throws IOException {
        unflushed += bytes;
        if (unflushed >= EVERY && (pending == null || pending.isDone())) {
            finish();
            unflushed = 0;
            pending = thread.submit(() -> {
                out.force(false);
                return null;
            });
        }
    }

    /** Waits for the flush under way, if any; rethrows its failure. */
    public void finish() throws IOException {
        Future<?> f = pending;
        pending = null;
        await(f, "flushing the file");
    }

    /**
     * Waits for a task doing file I/O on another thread ({@code null}: nothing to wait for): its IOException is
     * rethrown as it was, any other failure as an IOException naming {@code what}, an interrupt of the waiting
     * thread as a {@link CancellationException} (the interrupt status kept).
     */
    public static void await(Future<?> task, String what) throws IOException {
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(what + " failed", e.getCause());
        }
    }

    /** Stops the background thread (a flush under way is interrupted, which closes the channel). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
