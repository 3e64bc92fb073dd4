package io.sashell.cli.shell;

import picocli.CommandLine.Command;

@Command(name = "find", description = "Where the recording was found, the others found, and where the search looked.")
final class JfrFindCommand extends JfrSubcommand {
    @Override
    void run() {
        renderer().find(ctx.jfr().search(ctx));
    }
}
