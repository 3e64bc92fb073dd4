package io.sashell.cli.shell;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "use", description = "Use FILE as the recording from now on (a .jfr file; the JFR repository's chunk "
        + "files are found by themselves).")
final class JfrUseCommand extends JfrSubcommand {
    @Parameters(paramLabel = "FILE", description = "The recording.")
    Path file;

    @Override
    void run() {
        ctx.jfr().use(file);
        renderer().find(ctx.jfr().search(ctx));
    }
}
