package io.sashell.cli.shell;

import io.sashell.analysis.InfoResult;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.SaThreads;
import io.sashell.sa.SaVm;
import picocli.CommandLine.Command;

@Command(name = "info", description = "JDK, collector and heap, the command line, and why the process died.")
final class InfoCommand extends ShellCommand {
    @Override
    void run() {
        long tid = ctx.process().crashingTid();
        String crashing = "";
        for (JavaThreadFacts t : SaThreads.threads()) {
            if (t.osThreadId() == tid) {
                crashing = t.name();
            }
        }
        ctx.renderer().info(new InfoResult(ctx.core().toString(), ctx.process(), SaVm.facts(), crashing,
                JfrSession.describe(ctx.jfr().search(ctx))));
    }
}
