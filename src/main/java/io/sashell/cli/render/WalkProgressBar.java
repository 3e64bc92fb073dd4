package io.sashell.cli.render;

import java.io.PrintStream;

import io.sashell.heap.HeapWalkProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for heap walks, on the terminal's error stream. It appears only for walks of more than
 * {@value #MIN_BYTES} bytes that are still running after half a second, and never when output is JSON or not a
 * terminal (the caller decides that and passes {@link HeapWalkProgress#NONE} instead).
 */
public final class WalkProgressBar implements HeapWalkProgress {
    private static final long MIN_BYTES = 256L << 20;
    private static final long DELAY_NANOS = 500_000_000L;
    private final PrintStream err;
    private ProgressBar bar;
    private long started;

    private WalkProgressBar(PrintStream err) {
        this.err = err;
    }

    /** A bar on {@code System.err} when a person watches a terminal, else nothing. */
    public static HeapWalkProgress forTerminal(boolean json) {
        return json || System.console() == null ? HeapWalkProgress.NONE : new WalkProgressBar(System.err);
    }

    @Override
    public void progress(long walked, long total) {
        if (total < MIN_BYTES) {
            return;
        }
        long now = System.nanoTime();
        if (started == 0 || walked == 0) {
            started = now;
        }
        if (bar == null && now - started > DELAY_NANOS && walked < total) {
            bar = new ProgressBarBuilder().setTaskName("walking heap").setInitialMax(total >> 20).setUnit(" MB", 1)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUpdateIntervalMillis(200).build();
        }
        if (bar != null) {
            bar.stepTo(walked >> 20);
            if (walked >= total) {
                bar.close();
                bar = null;
                started = 0;
            }
        }
    }
}
