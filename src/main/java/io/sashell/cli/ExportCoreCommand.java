package io.sashell.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sa-shell export CORE -o FILE}: the shell's {@code export} command on a core, without a session. */
@Command(name = "export",
        description = "Write the heap of a core as an hprof file (mode 0600) for Eclipse MAT, VisualVM and IDEs.")
final class ExportCoreCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CORE", description = "The core file or bundle (never modified).")
    Path core;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The hprof file to write.")
    Path output;

    @Option(names = "--live", description = "Only the objects a GC root reaches through strong references (from the"
            + " heap graph index, built on first use); references to the others are null.")
    boolean live;

    @Option(names = "--redact", arity = "0..1", fallbackValue = "basic", paramLabel = "LEVEL",
            description = "Zero data, keep structure: basic (the default level) zeroes primitive array contents"
                    + " (String contents among them); full zeroes primitive instance and static fields too.")
    String redact;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Mixin
    CoreJdkOptions jdkOptions = new CoreJdkOptions();

    /** The index --live needs. */
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
        open.commands = List.of("export -o " + quoted(output.toString()) + (live ? " --live" : "")
                + (redact == null ? "" : " --redact=" + redact));
        open.json = json;
        open.jdkOptions = jdkOptions;
        open.index = index;
        return open.call();
    }

    /** The path as one word of a shell command line (jline's quoting: no escapes inside quotes). */
    static String quoted(String path) {
        return path.indexOf('\'') < 0 ? "'" + path + "'" : "\"" + path + "\"";
    }
}
