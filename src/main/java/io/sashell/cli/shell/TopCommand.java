package io.sashell.cli.shell;

import io.sashell.analysis.TopObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "top", description = "The biggest reachable objects with class, shallow and retained size, and the"
        + " field that holds each (from the dominator tree, computed on first use).")
final class TopCommand extends ShellCommand {
    @Option(names = "-n", paramLabel = "N", description = "Show N objects (default: ${DEFAULT-VALUE}).",
            defaultValue = "20")
    int limit;

    @Option(names = "--by", paramLabel = "KEY", description = "retained or shallow (default: ${DEFAULT-VALUE}).",
            defaultValue = "retained")
    String by;

    enum By { RETAINED, SHALLOW }

    @Override
    void run() {
        By b = ShellArgs.choice("--by", by, By.class);
        var index = GraphArgs.index(ctx);
        ctx.renderer().top(TopObjects.of(index, AnswersArgs.tree(ctx), b == By.RETAINED, limit));
    }
}
