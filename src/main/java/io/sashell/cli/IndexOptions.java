package io.sashell.cli;

import java.nio.file.Path;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where a command that opens a core keeps the heap graph index (a picocli mixin of open, export and report): in
 * a folder the user names, nowhere on disk, or by default in the cache.
 */
final class IndexOptions {
    @Option(names = "--index", paramLabel = "DIR", description = "Keep the heap graph index in DIR (default: the"
            + " cache, $XDG_CACHE_HOME/sa-shell).")
    Path dir;

    @Option(names = "--no-index", description = "Keep no heap graph index on disk (one is built for this run only,"
            + " when a command needs it).")
    boolean none;

    /** Fails the command line when both are given. */
    void check(Supplier<CommandLine> commandLine) {
        if (none && dir != null) {
            throw new CommandLine.ParameterException(commandLine.get(), "--index and --no-index exclude each other");
        }
    }
}
