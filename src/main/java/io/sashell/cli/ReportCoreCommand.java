package io.sashell.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sa-shell report CORE -o FILE}: the shell's {@code report} command on a core, without a session. */
@Command(name = "report", description = "Write an HTML report of a core (one self-contained file, mode 0600):"
        + " leak suspects, a treemap of what fills the heap, classes, threads, memory, the heap over time.")
final class ReportCoreCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CORE", description = "The core file or bundle (never modified).")
    Path core;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path output;

    @Option(names = "--redact", description = "Structure only: no primitive values, strings, field values, thread"
            + " names or command line.")
    boolean redact;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "The process's Flight Recorder recording (default: the one found beside the core).")
    Path jfr;

    @Mixin
    CoreJdkOptions jdkOptions = new CoreJdkOptions();

    @Mixin
    IndexOptions index = new IndexOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        index.check(spec::commandLine);
        // As open -c: a bundle is unpacked and opened with its runtime too.
        OpenCommand open = new OpenCommand();
        open.core = core;
        open.commands = List.of("report -o " + ExportCoreCommand.quoted(output.toAbsolutePath().toString())
                + (redact ? " --redact" : ""));
        open.json = json;
        open.jdkOptions = jdkOptions;
        open.redact = redact;
        open.jfr = jfr;
        open.index = index;
        return open.call();
    }
}
