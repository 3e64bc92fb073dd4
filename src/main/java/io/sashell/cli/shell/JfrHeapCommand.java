package io.sashell.cli.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.sashell.jfr.HeapTrends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "heap", description = "Heap used before and after each GC as a chart, whether the after-GC floor grows, "
        + "and when it would reach the maximum heap.")
final class JfrHeapCommand extends JfrSubcommand {
    static final int DEFAULT_WIDTH = 80;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Width of the chart (default: the terminal's, else " + DEFAULT_WIDTH + ").")
    int width;

    @Option(names = "-n", paramLabel = "N", defaultValue = "20",
            description = "List the last N GCs' numbers (default: ${DEFAULT-VALUE}; -1: all).")
    int rows;

    @Override
    void run() {
        renderer().heap(HeapTrends.of(recording()), width > 0 ? width : terminalWidth(), rows);
    }

    /** $COLUMNS, else the size of the controlling terminal when there is one, else 80. */
    static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d+")) {
            return Integer.parseInt(columns);
        }
        if (System.console() != null) {
            try {
                Process p = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.from(
                        new java.io.File("/dev/tty"))).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(2, TimeUnit.SECONDS) && out.matches("\\d+ \\d+")) {
                    return Integer.parseInt(out.split(" ")[1]);
                }
            } catch (IOException e) {
                // no stty: the default width
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return DEFAULT_WIDTH;
    }
}
