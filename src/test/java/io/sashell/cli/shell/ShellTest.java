package io.sashell.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.analysis.HeapQueries;
import io.sashell.analysis.ProcessFacts;
import io.sashell.cli.ExitCodes;
import picocli.CommandLine;

/** The command table without a core: parsing, prefixes, suggestions, errors. */
class ShellTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Shell shell = new Shell(new ShellContext(Path.of("core"), ProcessFacts.unknown(), new HeapQueries(),
            new PrintWriter(out), false), new PrintWriter(err), false);

    @Test
    void splitsWordsWithQuotes() {
        assertEquals(List.of("histo", "Outer$Inner", "-n", "5"), Shell.split("histo Outer$Inner -n 5"));
        assertEquals(List.of("bt", "worker one"), Shell.split("bt 'worker one'"));
        assertEquals(List.of("histo", "^java\\.lang\\.String$"), Shell.split("histo ^java\\.lang\\.String$"));
        assertEquals(List.of(), Shell.split("   "));
    }

    @Test
    void uniquePrefixesAndAliasesResolve() {
        CommandLine cl = shell.commandLine();
        assertEquals("histo", Shell.resolve(cl, "hi").getCommandName());
        assertEquals("histo", Shell.resolve(cl, "findjsobjects").getCommandName());
        assertEquals("instances", Shell.resolve(cl, "findjsinstances").getCommandName());
        assertEquals("threads", Shell.resolve(cl, "th").getCommandName());
        assertEquals("inspect", Shell.resolve(cl, "p").getCommandName());
    }

    @Test
    void ambiguousPrefixListsTheCandidates() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> Shell.resolve(shell.commandLine(), "in"));
        assertEquals("ambiguous command: in could be info, instances, inspect", e.getMessage());
    }

    @Test
    void unknownCommandSuggestsCloseNames() {
        assertEquals(ExitCodes.USAGE, shell.execute("hsto"));
        assertEquals("unknown command: hsto; did you mean histo, jhisto?", err.toString().strip());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, shell.execute("histo --bogus"));
        String[] lines = err.toString().strip().split("\\R");
        assertEquals("Unknown option: '--bogus'", lines[0]);
        assertTrue(lines[1].startsWith("usage: histo"), lines[1]);
    }

    @Test
    void badAddressIsOneLine() {
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("inspect zz-top"));
        assertEquals("not an address: zz-top (use hex like 0x7f3a0000)", err.toString().strip());
    }

    @Test
    void badEngineIsOneLine() {
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("histo --engine fast"));
        assertEquals("--engine must be one of walker, sa, not fast", err.toString().strip());
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(ExitCodes.OK, shell.execute("help"));
        for (String c : List.of("info", "threads", "bt", "histo", "instances", "inspect", "help", "quit")) {
            assertTrue(out.toString().contains("\n  " + c + " "), c + " in " + out);
        }
        assertEquals(ExitCodes.OK, shell.execute("help histo"));
        assertTrue(out.toString().contains("Usage: histo [--engine=ENGINE]"), out.toString());
    }

    @Test
    void quitEndsTheSession() {
        assertEquals(ExitCodes.OK, shell.execute("quit"));
        assertTrue(shell.context().quitRequested());
    }
}
