package io.sashell.cli.shell;

import io.sashell.analysis.Statics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "statics", description = "Static fields by the retained size of their values: Class.field, the"
        + " value's class, and whether the field alone keeps it.")
final class StaticsCommand extends ShellCommand {
    @Option(names = "-n", paramLabel = "N", description = "Show N fields (default: ${DEFAULT-VALUE}; -1: all).",
            defaultValue = "20")
    long limit;

    @Override
    void run() {
        var index = GraphArgs.index(ctx);
        ctx.renderer().statics(Statics.of(index, AnswersArgs.tree(ctx), limit));
    }
}
