package io.sashell.redact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The redacted copy of a core being written to a temporary file beside {@code OUT} (mode 0600), renamed over
 * {@code OUT} by {@link #finish}; closed unfinished, it deletes the temporary file and leaves no output.
 *
 * <p>When {@code OUT} lies on the file system of the core, the plain copy starts at once on a thread of its
 * own, while SA attaches and the plan is made, and {@link #finish} then zeroes the planned ranges in place:
 * the planning and the copy overlap. The temporary file holds the core's secrets until then, but only in the
 * page cache for the seconds planning takes (the kernel writes dirty pages back after 30 s) and on a disk that
 * holds them in the core anyway. On another file system (a USB disk, a share: where a redacted core is sent)
 * nothing is written before the plan is known, and the copy zeroes the ranges as it streams.
 */
public final class RedactedOutput implements AutoCloseable {
    private final Path input;
    private final SafeOutput out;
    private final FutureTask<Long> copy;
    private final long started = System.nanoTime();
    private String timings = "";

    private RedactedOutput(Path input, SafeOutput out, boolean early) {
        this.input = input;
        this.out = out;
        if (early) {
            copy = new FutureTask<>(() -> {
                RedactedCopyWriter.copyPlain(input, out.temp());
                return System.nanoTime();
            });
            Thread t = new Thread(copy, "sa-shell redact copy");
            t.setDaemon(true);
            t.start();
        } else {
            copy = null;
        }
    }

    /**
     * Creates the temporary file of {@code output} and, when it lies on {@code input}'s file system, starts
     * copying {@code input} into it.
     */
    public static RedactedOutput start(Path input, Path output) throws IOException {
        SafeOutput out = SafeOutput.create(output);
        try {
            return new RedactedOutput(input, out, Files.getFileStore(input).equals(Files.getFileStore(out.temp())));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Zeroes the plan's ranges in the copy (or copies with them zeroed), forces it to disk and renames it to OUT. */
    public void finish(RedactionPlan plan) throws IOException {
        long t0 = System.nanoTime();
        if (copy == null) {
            RedactedCopyWriter.copy(input, out.temp(), plan.ranges(), n -> { });
            timings = String.format(Locale.ROOT, "streamed copy %.2f s", (System.nanoTime() - t0) / 1e9);
        } else {
            long copied = awaitCopy();
            long t1 = System.nanoTime();
            long patched = RedactedCopyWriter.patch(input, out.temp(), plan.ranges());
            long t2 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(out.temp(), StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            timings = String.format(Locale.ROOT, "copy %.2f s (overlapped; %.2f s waited for), patch %.2f s"
                    + " (%,d MB rewritten), fsync %.2f s", (copied - started) / 1e9, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, patched >> 20, (System.nanoTime() - t2) / 1e9);
        }
        out.commit();
    }

    /** Where {@link #finish} spent its time, for --verbose. */
    public String timings() {
        return timings;
    }

    private long awaitCopy() throws IOException {
        try {
            return copy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Stops the copy if it still runs and, unless finished, deletes the temporary file. */
    @Override
    public void close() {
        if (copy != null) {
            // Interrupted, the copy stops at its next chunk; writes it makes meanwhile go to the deleted file.
            copy.cancel(true);
        }
        out.close();
    }
}
