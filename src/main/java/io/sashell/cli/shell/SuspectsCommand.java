package io.sashell.cli.shell;

import io.sashell.analysis.Suspects;
import io.sashell.cli.UserDataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "suspects", description = "Leak suspects: objects or classes retaining a large share of the"
        + " reachable heap, where their objects pile up, the path from their GC root, and what to run next.")
final class SuspectsCommand extends ShellCommand {
    @Option(names = "--threshold", paramLabel = "PCT",
            description = "Percent of the reachable heap a suspect retains at least (default: ${DEFAULT-VALUE},"
                    + " as Eclipse MAT).", defaultValue = "10")
    double threshold;

    @Override
    void run() {
        if (!(threshold > 0 && threshold <= 100)) {
            throw new UserDataException("--threshold must be a percentage above 0 and at most 100, not " + threshold);
        }
        var index = GraphArgs.index(ctx);
        ctx.renderer().suspects(Suspects.of(index, AnswersArgs.tree(ctx), threshold));
    }
}
