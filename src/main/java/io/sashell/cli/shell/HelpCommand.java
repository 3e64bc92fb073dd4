package io.sashell.cli.shell;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "help", description = "List the commands, or show how to use one: help CMD.")
final class HelpCommand extends ShellCommand {
    @Parameters(arity = "0..1", paramLabel = "CMD", description = "The command to explain.")
    String command;

    @Spec
    CommandSpec spec;

    @Override
    void run() {
        CommandLine root = spec.parent().commandLine();
        if (command != null) {
            CommandLine sub = Shell.resolve(root, command);
            ctx.out().print(Shell.withoutRoot(sub.getUsageMessage(CommandLine.Help.Ansi.OFF)));
            ctx.out().flush();
            return;
        }
        ctx.out().println("Commands (a unique prefix is enough; help CMD for its options):");
        for (CommandLine sub : Shell.distinctSubcommands(root)) {
            CommandSpec s = sub.getCommandSpec();
            String aliases = s.aliases().length == 0 ? "" : " (" + String.join(", ", s.aliases()) + ")";
            ctx.out().printf("  %-12s %s%s%n", s.name(), String.join(" ", s.usageMessage().description()), aliases);
        }
        ctx.out().flush();
    }
}
