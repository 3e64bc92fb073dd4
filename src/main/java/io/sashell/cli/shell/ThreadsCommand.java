package io.sashell.cli.shell;

import io.sashell.sa.SaThreads;
import picocli.CommandLine.Command;

@Command(name = "threads", description = "Every Java thread: name, state, daemon flag; * marks the crashing thread.")
final class ThreadsCommand extends ShellCommand {
    @Override
    void run() {
        ctx.renderer().threads(SaThreads.threads(), ctx.process().crashingTid());
    }
}
