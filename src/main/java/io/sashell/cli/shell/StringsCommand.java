package io.sashell.cli.shell;

import java.io.UncheckedIOException;

import io.sashell.cli.UserDataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "strings", description = "Strings by content, biggest first; --dups: values held by many Strings,"
        + " with the bytes the copies waste. PATTERN finds Strings holding it (refs ADDR shows who has one).")
final class StringsCommand extends ShellCommand {
    @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "Only Strings containing PATTERN.")
    String pattern;

    @Option(names = "--dups", description = "Only values held by more than one String, by bytes wasted.")
    boolean dups;

    @Option(names = "-n", paramLabel = "N", description = "Show N values (default: ${DEFAULT-VALUE}; -1: all).",
            defaultValue = "20")
    long limit;

    @Override
    void run() {
        GraphArgs.index(ctx);
        try {
            ctx.renderer().strings(ctx.graph().orElseThrow().strings(pattern, dups, limit));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }
}
