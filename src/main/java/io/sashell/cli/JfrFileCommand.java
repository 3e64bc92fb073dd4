package io.sashell.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.sashell.analysis.HeapQueries;
import io.sashell.analysis.ProcessFacts;
import io.sashell.cli.shell.Shell;
import io.sashell.cli.shell.ShellContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code sa-shell jfr FILE [SUBCOMMAND [OPTIONS]]}: the shell's {@code jfr} commands on a recording, without
 * a core. Runs on any JDK 17+ (no SA).
 */
@Command(name = "jfr", description = "Read a Flight Recorder recording without a core: jfr FILE [summary|heap|gc|alloc|"
        + "leaks|rules|cpu|threads] [OPTIONS].")
final class JfrFileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The recording (.jfr, also gzip/zip/LZ4-compressed).")
    Path file;

    @Unmatched
    List<String> rest = new ArrayList<>();

    @Option(names = "--json", description = "One JSON document instead of text.")
    boolean json;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (!Files.exists(file)) {
            throw new UserDataException(file + ": no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UserDataException(file + ": not a readable file");
        }
        PrintWriter out = new PrintWriter(System.out, false, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        ShellContext ctx = new ShellContext(null, ProcessFacts.unknown(), new HeapQueries(), out, json);
        ctx.jfr().use(file);
        StringBuilder line = new StringBuilder("jfr");
        for (String word : rest) {
            line.append(' ').append(quote(word));
        }
        return new Shell(ctx, err, verbose).execute(line.toString());
    }

    /** Quotes a word for the shell's line parser, which knows quotes but no escapes. */
    static String quote(String word) {
        return word.contains("\"") ? "'" + word + "'" : "\"" + word + "\"";
    }
}
