package io.sashell.cli.shell;

import java.nio.file.Path;
import java.util.List;

import io.sashell.analysis.HeapQueries;
import io.sashell.cli.UserDataException;
import io.sashell.export.ExportException;
import io.sashell.export.ExportSource;
import io.sashell.export.HprofFile;
import io.sashell.heap.HeapWalker;
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

    @Option(names = "--live", description = "Only objects reachable from a root (not yet).")
    boolean live;

    @Option(names = "--redact", description = "Blank primitive values and array payloads (not yet).")
    boolean redact;

    @Override
    void run() {
        if (live) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--live: not yet: it needs the graph index's reachability");
        }
        if (redact) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--redact: not yet: it needs the redaction issue's heap rules");
        }
        HeapQueries heap = ctx.heap();
        HeapWalker walker = heap.walker().orElseThrow(
                () -> new UserDataException("cannot export this heap: " + heap.walkerProblem()));
        List<KlassRef> classes = heap.classes();
        List<JavaThreadFacts> threads = SaThreads.threads();
        List<StackFacts> stacks = threads.stream().map(SaThreads::stack).toList();
        // Every root kind SA can name (thread objects, frame locals, JNI globals and locals, system classes, busy
        // monitors, VM handles); stacks that need a conservative scan are left to the index.
        ExportSource src = new ExportSource(heap.memory(), walker, classes, heap::klassInfo, stacks,
                SaRoots::enumerate);
        try {
            ctx.renderer().export(HprofFile.write(src, output, ctx.core(), heap.progress()));
        } catch (ExportException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }
}
