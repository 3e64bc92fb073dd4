package io.sashell.cli.shell;

import picocli.CommandLine.Command;

@Command(name = "quit", aliases = {"exit", "q"}, description = "Leave sa-shell (Ctrl-D does the same).")
final class QuitCommand extends ShellCommand {
    @Override
    void run() {
        ctx.requestQuit();
    }
}
