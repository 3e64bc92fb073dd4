package io.sashell.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options of every command that opens a core (a picocli mixin): which JDK wrote it, where the crashed
 * machine's files are, the executable SA is given, and stack traces with errors. The launcher reads --jdk and
 * --sysroot too ({@link Launch}).
 */
final class CoreJdkOptions {
    @Option(names = "--jdk", paramLabel = "HOME", description = "The JDK that wrote the core (the launcher uses it).")
    Path jdk;

    @Option(names = "--sysroot", paramLabel = "DIR",
            description = "A copy of the crashed machine's files (the JDK at its original path below DIR).")
    Path sysroot;

    @Option(names = "--force", description = "Use --jdk even when its build differs from the core's.")
    boolean force;

    @Option(names = "--exe", paramLabel = "FILE", description = "The executable to give SA (default: found from the core).")
    Path exe;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;
}
