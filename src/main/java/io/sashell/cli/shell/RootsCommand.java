package io.sashell.cli.shell;

import io.sashell.analysis.GcRoots;
import io.sashell.index.HeapIndex;
import io.sashell.sa.RootKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "roots", description = "The GC roots by kind with counts, then the roots one a line with their"
        + " objects and threads.")
final class RootsCommand extends ShellCommand {
    @Option(names = "--kind", paramLabel = "KIND", description = "Only roots of this kind: thread_object, java_local,"
            + " jni_local, jni_global, system_class, class_loader, busy_monitor, vm_internal, conservative, unknown.")
    String kind;

    @Option(names = "-n", paramLabel = "N", description = "Show the first N roots (default: ${DEFAULT-VALUE}; -1: all).",
            defaultValue = "20")
    long limit;

    @Override
    void run() {
        RootKind k = kind == null ? null : GraphArgs.rootKind(kind);
        HeapIndex index = GraphArgs.index(ctx);
        ctx.renderer().roots(GcRoots.of(index, k, limit));
    }
}
