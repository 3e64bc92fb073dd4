package io.sashell.cli.shell;

import java.util.ArrayList;
import java.util.List;

import io.sashell.cli.UserDataException;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.SaThreads;
import io.sashell.sa.StackFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "bt", aliases = {"backtrace", "jstack"},
        description = "Java frames (class, method, line) of one thread or of all threads.")
final class BtCommand extends ShellCommand {
    @Parameters(arity = "0..1", paramLabel = "THREAD",
            description = "Thread index (#), OS thread id, or name; all threads when omitted.")
    String thread;

    @Override
    void run() {
        List<JavaThreadFacts> all = SaThreads.threads();
        List<JavaThreadFacts> chosen = new ArrayList<>();
        if (thread == null) {
            chosen.addAll(all);
        } else {
            for (JavaThreadFacts t : all) {
                if (matches(t, thread)) {
                    chosen.add(t);
                }
            }
            if (chosen.isEmpty()) {
                throw new UserDataException("no Java thread matches " + thread
                        + "; give its index, tid or name (see threads)");
            }
        }
        List<StackFacts> stacks = new ArrayList<>();
        for (JavaThreadFacts t : chosen) {
            stacks.add(SaThreads.stack(t));
        }
        ctx.renderer().stacks(stacks, ctx.process().crashingTid());
    }

    private static boolean matches(JavaThreadFacts t, String key) {
        if (key.matches("\\d+")) {
            long n = Long.parseLong(key);
            return t.index() == n || t.osThreadId() == n;
        }
        return t.name().equals(key);
    }
}
