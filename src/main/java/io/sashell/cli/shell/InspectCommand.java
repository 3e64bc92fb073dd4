package io.sashell.cli.shell;

import io.sashell.cli.UserDataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", aliases = {"print", "p"},
        description = "An object's class, size and every field with its type and value.")
final class InspectCommand extends ShellCommand {
    @Parameters(paramLabel = "ADDR", description = "Object address, hex (0x...) or decimal.")
    String address;

    @Option(names = "--depth", paramLabel = "N", description = "Also show referenced objects N levels deep (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int depth;

    @Option(names = "--elements", paramLabel = "N", description = "Array elements to show (default: ${DEFAULT-VALUE}).",
            defaultValue = "32")
    int elements;

    @Override
    void run() {
        long addr = ShellArgs.address(address);
        try {
            ctx.renderer().object(ctx.heap().inspect(addr, Math.max(0, depth), Math.max(0, elements)));
        } catch (IllegalArgumentException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }
}
