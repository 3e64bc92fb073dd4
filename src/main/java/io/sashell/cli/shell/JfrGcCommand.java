package io.sashell.cli.shell;

import io.sashell.jfr.GcReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gc", description = "GC pauses (count, total, longest) by cause and collector, and the last GCs before the end.")
final class JfrGcCommand extends JfrSubcommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "10",
            description = "List the last N GCs (default: ${DEFAULT-VALUE}).")
    int last;

    @Override
    void run() {
        renderer().gc(GcReports.of(recording(), last));
    }
}
