package io.sashell.cli.shell;

import java.io.UncheckedIOException;

import io.sashell.analysis.DominatorTree;
import io.sashell.cli.UserDataException;

/** The retained-size commands' shared step: the session's dominator tree, read or computed now. */
final class AnswersArgs {
    private AnswersArgs() {
    }

    static DominatorTree tree(ShellContext ctx) {
        GraphArgs.index(ctx);
        try {
            return ctx.graph().orElseThrow().dominators();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }
}
