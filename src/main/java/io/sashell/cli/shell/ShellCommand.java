package io.sashell.cli.shell;

import java.util.concurrent.Callable;

/** Base of every shell command: the context is set by the factory before the command runs. */
abstract class ShellCommand implements Callable<Integer> {
    ShellContext ctx;

    @Override
    public final Integer call() {
        run();
        return 0;
    }

    abstract void run();
}
