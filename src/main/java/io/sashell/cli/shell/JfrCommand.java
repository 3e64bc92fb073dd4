package io.sashell.cli.shell;

import io.sashell.jfr.Summaries;
import picocli.CommandLine.Command;

@Command(name = "jfr", description = "The Flight Recorder recording of the process: summary (the default), heap, gc, "
        + "alloc, leaks, rules, cpu, threads; find shows where it was found, use FILE names another.",
        subcommands = {JfrSummaryCommand.class, JfrHeapCommand.class, JfrGcCommand.class, JfrAllocCommand.class,
                JfrLeaksCommand.class, JfrRulesCommand.class, JfrCpuCommand.class, JfrThreadsCommand.class,
                JfrFindCommand.class, JfrUseCommand.class})
final class JfrCommand extends JfrSubcommand {
    @Override
    void run() {
        renderer().summary(Summaries.of(recording()));
    }
}
