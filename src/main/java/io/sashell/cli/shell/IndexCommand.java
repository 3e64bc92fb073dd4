package io.sashell.cli.shell;

import picocli.CommandLine.Command;

@Command(name = "index", description = "The heap graph index of the core (built now if need be): its file, counts,"
        + " and the problems its build met.")
final class IndexCommand extends ShellCommand {
    @Override
    void run() {
        GraphArgs.index(ctx);
        ctx.renderer().index(ctx.graph().orElseThrow().info());
    }
}
