package io.sashell.cli.shell;

import io.sashell.analysis.GcPaths;
import io.sashell.index.HeapIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "path", aliases = {"gcpath"},
        description = "The shortest path from a GC root to ADDR, one hop a line with its field or slot; says"
                + " why when there is none. Weak, soft, phantom and final references are left out unless --weak.")
final class PathCommand extends ShellCommand {
    @Parameters(paramLabel = "ADDR", description = "Object address, hex (0x...) or decimal.")
    String address;

    @Option(names = "--all", description = "Several paths: the shortest through each object that references ADDR.")
    boolean all;

    @Option(names = "--weak", description = "Follow the referents of weak, soft, phantom and final references too.")
    boolean weak;

    @Option(names = "-n", paramLabel = "N", description = "With --all, show at most N paths (default: ${DEFAULT-VALUE};"
            + " -1: all).", defaultValue = "10")
    long limit;

    @Override
    void run() {
        HeapIndex index = GraphArgs.index(ctx);
        int id = GraphArgs.object(index, address);
        ctx.renderer().path(GcPaths.find(index, id, weak, all, limit));
    }
}
