package io.sashell.cli.shell;

import io.sashell.analysis.HeapQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "instances", aliases = {"findjsinstances"},
        description = "Addresses and sizes of the instances of a class.")
final class InstancesCommand extends ShellCommand {
    @Parameters(paramLabel = "CLASS", description = "Class name as histo prints it (java.lang.String, byte[], Outer$Inner).")
    String className;

    @Option(names = "-n", paramLabel = "N", description = "Show the first N addresses (default: ${DEFAULT-VALUE}; -1: all).",
            defaultValue = "20")
    long limit;

    @Option(names = "--subclasses", description = "Include instances of subclasses.")
    boolean subclasses;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "walker or sa (default: ${DEFAULT-VALUE}).",
            defaultValue = "walker")
    String engine;

    @Override
    void run() {
        HeapQueries.Engine e = ShellArgs.choice("--engine", engine, HeapQueries.Engine.class);
        ctx.renderer().instances(ctx.heap().instances(className, subclasses, limit, e));
    }
}
