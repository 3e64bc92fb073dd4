package io.sashell.cli.render;

import java.io.PrintStream;

import io.sashell.index.IndexProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of an index build on the terminal's error stream: one bar per phase ("walking the heap",
 * "reading references", ...), shown once the build has run half a second; never when output is JSON or not a
 * terminal (the caller passes {@link IndexProgress#NONE} instead). Ctrl-C in the REPL cancels the build.
 */
public final class IndexProgressBar implements IndexProgress {
    private static final long DELAY_NANOS = 500_000_000L;
    private final PrintStream err;
    private final long started = System.nanoTime();
    private ProgressBar bar;
    private String phase;
    private long scale = 1;

    private IndexProgressBar(PrintStream err) {
        this.err = err;
    }

    /** A bar on {@code System.err} when a person watches a terminal, else nothing. */
    public static IndexProgress forTerminal(boolean json) {
        return json || System.console() == null ? IndexProgress.NONE : new IndexProgressBar(System.err);
    }

    @Override
    public void progress(String name, long done, long total) {
        if (!name.equals(phase)) {
            close();
            phase = name;
        }
        if (bar == null && System.nanoTime() - started > DELAY_NANOS && done < total) {
            scale = total > (1L << 30) ? 1L << 20 : 1;
            bar = new ProgressBarBuilder().setTaskName("index: " + name).setInitialMax(Math.max(1, total / scale))
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUpdateIntervalMillis(200).build();
        }
        if (bar != null) {
            bar.stepTo(done / scale);
            if (done >= total) {
                close();
            }
        }
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
