package io.sashell.cli.shell;

import io.sashell.analysis.InboundRefs;
import io.sashell.analysis.OutboundRefs;
import io.sashell.index.HeapIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "refs", aliases = {"findrefs"},
        description = "Objects that reference ADDR, with the field or array slot of each, and whether ADDR is a GC"
                + " root; --out lists what ADDR references. Builds the heap graph index on first use.")
final class RefsCommand extends ShellCommand {
    @Parameters(paramLabel = "ADDR", description = "Object address, hex (0x...) or decimal.")
    String address;

    @Option(names = "-n", paramLabel = "N", description = "Show the first N references (default: ${DEFAULT-VALUE};"
            + " -1: all).", defaultValue = "50")
    long limit;

    @Option(names = "--out", description = "The references ADDR holds instead of those to it.")
    boolean out;

    @Override
    void run() {
        HeapIndex index = GraphArgs.index(ctx);
        int id = GraphArgs.object(index, address);
        if (out) {
            ctx.renderer().outboundRefs(OutboundRefs.of(index, id, limit));
        } else {
            ctx.renderer().refs(InboundRefs.of(index, id, limit));
        }
    }
}
