package io.sashell.cli.shell;

import java.nio.file.Files;
import java.nio.file.Path;

import io.sashell.analysis.InfoResult;
import io.sashell.analysis.ProcessFacts;
import io.sashell.sa.VmFacts;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.SaThreads;
import io.sashell.sa.SaVm;
import picocli.CommandLine.Command;

@Command(name = "info", description = "JDK, collector and heap, the command line, and why the process died.")
final class InfoCommand extends ShellCommand {
    @Override
    void run() {
        ctx.renderer().info(result(ctx));
    }

    /** The answer of {@code info} (for {@code report} too). */
    static InfoResult result(ShellContext ctx) {
        long tid = ctx.process().crashingTid();
        String crashing = "";
        for (JavaThreadFacts t : SaThreads.threads()) {
            if (t.osThreadId() == tid) {
                crashing = t.name();
            }
        }
        VmFacts vm = SaVm.facts();
        ProcessFacts process = ctx.process();
        if (process.hsErrLog().isEmpty() && process.pid() > 0 && vm.properties().containsKey("user.dir")) {
            // HotSpot writes hs_err_pid<pid>.log into the process's working directory unless -XX:ErrorFile says otherwise.
            Path log = Path.of(vm.properties().get("user.dir"), "hs_err_pid" + process.pid() + ".log");
            if (Files.isRegularFile(log)) {
                process = process.withHsErrLog(log.toString());
            }
        }
        return new InfoResult(ctx.core().toString(), process, vm, crashing, ctx.heap().spaces(),
                ctx.heap().regionSize(), JfrSession.describe(ctx.jfr().search(ctx)));
    }
}
