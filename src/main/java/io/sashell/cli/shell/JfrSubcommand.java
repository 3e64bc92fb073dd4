package io.sashell.cli.shell;

import io.sashell.cli.render.JfrRenderer;
import io.sashell.jfr.JfrRecording;

/** Base of the {@code jfr} subcommands: the session's recording and the renderer for the output mode. */
abstract class JfrSubcommand extends ShellCommand {
    JfrRecording recording() {
        return ctx.jfr().recording(ctx);
    }

    JfrRenderer renderer() {
        return ctx.jfrRenderer();
    }
}
