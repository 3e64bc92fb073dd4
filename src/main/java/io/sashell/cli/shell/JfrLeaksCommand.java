package io.sashell.cli.shell;

import io.sashell.jfr.OldObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "leaks", description = "Old-object samples with their paths to GC roots; when the recording has none, "
        + "what it offers instead.")
final class JfrLeaksCommand extends JfrSubcommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "10",
            description = "Show the first N groups of samples (default: ${DEFAULT-VALUE}; -1: all).")
    int limit;

    @Override
    void run() {
        renderer().leaks(OldObjects.of(recording(), limit));
    }
}
