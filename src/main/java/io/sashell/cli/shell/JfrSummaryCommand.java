package io.sashell.cli.shell;

import io.sashell.jfr.Summaries;
import picocli.CommandLine.Command;

@Command(name = "summary", description = "Event types with counts and bytes, time span, JVM and host, why it was dumped.")
final class JfrSummaryCommand extends JfrSubcommand {
    @Override
    void run() {
        renderer().summary(Summaries.of(recording()));
    }
}
