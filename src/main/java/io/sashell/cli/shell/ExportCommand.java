package io.sashell.cli.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongPredicate;

import io.sashell.analysis.HeapQueries;
import io.sashell.cli.UserDataException;
import io.sashell.core.Timing;
import io.sashell.export.ExportException;
import io.sashell.export.ExportSource;
import io.sashell.export.HprofFile;
import io.sashell.heap.HeapWalker;
import io.sashell.index.HeapIndex;
import io.sashell.redact.RedactLevel;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.KlassRef;
import io.sashell.sa.SaRoots;
import io.sashell.sa.SaThreads;
import io.sashell.sa.StackFacts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export",
        description = "Write the heap as an hprof file (mode 0600) for Eclipse MAT, VisualVM and IDE profilers.")
final class ExportCommand extends ShellCommand {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The hprof file to write.")
    Path output;

    @Option(names = "--live", description = "Only the objects a GC root reaches through strong references (from the"
            + " heap graph index, built on first use); references to the others are null.")
    boolean live;

    @Option(names = "--redact", arity = "0..1", fallbackValue = "basic", paramLabel = "LEVEL",
            description = "Zero data, keep structure: basic (the default level) zeroes primitive array contents"
                    + " (String contents among them); full zeroes primitive instance and static fields too.")
    String redact;

    @Override
    void run() {
        Optional<RedactLevel> level = Optional.ofNullable(redact).map(this::level);
        HeapQueries heap = ctx.heap();
        HeapWalker walker = heap.walker().orElseThrow(
                () -> new UserDataException("cannot export this heap: " + heap.walkerProblem()));
        Timing.mark("export: walker");
        List<KlassRef> classes = heap.classes();
        Timing.mark("export: class list");
        List<JavaThreadFacts> threads = SaThreads.threads();
        List<StackFacts> stacks = threads.stream().map(SaThreads::stack).toList();
        Timing.mark("export: threads and stacks");
        // Every root kind SA can name (thread objects, frame locals, JNI globals and locals, system classes, busy
        // monitors, VM handles); stacks that need a conservative scan are left to the index.
        ExportSource src = new ExportSource(heap.memory(), walker, classes, heap::klassInfo, stacks,
                SaRoots::enumerate, live ? Optional.of(reachable(GraphArgs.index(ctx))) : Optional.empty(), level);
        try {
            ctx.renderer().export(HprofFile.write(src, output, ctx.core(), heap.progress()));
        } catch (ExportException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }

    /** Whether the object at an address is one the index reaches from a root (the index's {@code histo --live}). */
    private static LongPredicate reachable(HeapIndex index) {
        return address -> {
            int id = index.idOf(address);
            return id >= 0 && index.isReachable(id);
        };
    }

    private RedactLevel level(String text) {
        for (RedactLevel l : RedactLevel.values()) {
            if (l.label().equals(text.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--redact: unknown level '" + text + "' (basic or full)");
    }
}
