package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * The top-level command line: only the named subcommand is built, help still lists them all, and every
 * subcommand answers --help with its usage.
 */
class MainTest {
    private static final List<String> ALL = List.of("open", "export", "demo", "capture", "bundle", "jfr", "redact",
            "report");

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        for (String name : ALL) {
            CommandLine cl = Main.commandLine(name, "--some-option");
            assertEquals(Set.of(name), cl.getSubcommands().keySet());
            // The name it is registered under is the one its annotation gives.
            assertEquals(name, cl.getSubcommands().get(name).getCommandSpec().name());
        }
    }

    @Test
    void helpAndUnknownNamesSeeEverySubcommandInOrder() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"exprt", "core"})) {
            assertEquals(ALL, List.copyOf(Main.commandLine(args).getSubcommands().keySet()));
        }
        String usage = Main.commandLine("--help").getUsageMessage();
        for (String name : ALL) {
            assertTrue(usage.contains("\n  " + name + " "), usage);
        }
    }

    @Test
    void everySubcommandAnswersHelpWithItsUsage() {
        for (String name : ALL) {
            PrintStream stdout = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code;
            try {
                System.setOut(new PrintStream(out, true, Charset.defaultCharset()));
                code = Main.run(name, "--help");
            } finally {
                System.setOut(stdout);
            }
            String usage = out.toString(Charset.defaultCharset());
            assertEquals(0, code, usage);
            assertTrue(usage.startsWith("Usage: sa-shell " + name + " "), usage);
            assertTrue(usage.contains("-h, --help"), usage);
        }
    }
}
