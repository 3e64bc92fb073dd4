package io.sashell.cli.shell;

import io.sashell.jfr.ExecutionSamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cpu", description = "Hottest methods from execution samples, if recorded.")
final class JfrCpuCommand extends JfrSubcommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "20",
            description = "Show the first N methods (default: ${DEFAULT-VALUE}; -1: all).")
    int limit;

    @Override
    void run() {
        renderer().cpu(ExecutionSamples.of(recording(), limit));
    }
}
