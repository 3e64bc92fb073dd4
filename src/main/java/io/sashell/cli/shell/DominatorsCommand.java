package io.sashell.cli.shell;

import io.sashell.analysis.DominatorTreeView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dominators", description = "The dominator tree from the top (the GC roots) or below ADDR, biggest"
        + " retained size first, with the percentage of the reachable heap.")
final class DominatorsCommand extends ShellCommand {
    @Parameters(arity = "0..1", paramLabel = "ADDR", description = "Start below this object.")
    String address;

    @Option(names = "--depth", paramLabel = "N", description = "Levels to show (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int depth;

    @Option(names = "-n", paramLabel = "N", description = "Children shown per object (default: ${DEFAULT-VALUE}).",
            defaultValue = "20")
    int width;

    @Override
    void run() {
        var index = GraphArgs.index(ctx);
        int id = address == null ? -1 : GraphArgs.object(index, address);
        var tree = AnswersArgs.tree(ctx);
        ctx.renderer().dominators(DominatorTreeView.of(index, tree, id, Math.max(1, depth), Math.max(1, width)));
    }
}
