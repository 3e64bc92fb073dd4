package io.sashell.cli.shell;

import io.sashell.jfr.ExecutionSamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "threads", description = "Execution samples by thread, with each thread's hottest method.")
final class JfrThreadsCommand extends JfrSubcommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "20",
            description = "Show the first N threads (default: ${DEFAULT-VALUE}; -1: all).")
    int limit;

    @Override
    void run() {
        renderer().threads(ExecutionSamples.of(recording(), limit));
    }
}
