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
        assertEquals("ambiguous command: in could be info, instances, inspect, index", e.getMessage());
    }

    @Test
    void unknownCommandSuggestsCloseNames() {
        assertEquals(ExitCodes.USAGE, shell.execute("hsto"));
        assertEquals("unknown command: hsto; did you mean histo, jhisto?", err.toString().strip());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUnknownOption("histo --bogus", "histo");
    }

    /** {@code line} fails on its unknown option --bogus, with the usage of {@code command}. */
    private void assertUnknownOption(String line, String command) {
        assertEquals(ExitCodes.USAGE, shell.execute(line));
        String[] lines = err.toString().strip().split("\\R");
        assertEquals("Unknown option: '--bogus'", lines[0]);
        assertTrue(lines[1].startsWith("usage: " + command), lines[1]);
    }

    @Test
    void aCommandByAliasParsesAloneAndHelpStillListsEveryCommand() {
        // A fresh shell runs a command named exactly (or by alias) from a table of that command alone.
        assertUnknownOption("findjsobjects --bogus", "histo");
        assertEquals(ExitCodes.OK, shell.execute("help"));
        for (String name : List.of("histo", "refs", "export", "quit")) {
            assertTrue(out.toString().contains("  " + name + " "), name);
        }
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
        for (String c : List.of("info", "threads", "bt", "histo", "instances", "inspect", "refs", "path", "roots",
                "index", "top", "dominators", "statics", "suspects", "strings", "memory", "diff", "help", "quit")) {
            assertTrue(out.toString().contains("\n  " + c + " "), c + " in " + out);
        }
        assertEquals(ExitCodes.OK, shell.execute("help histo"));
        assertTrue(out.toString().contains("Usage: histo [--live] [--pages] [--retained] [--engine=ENGINE]"), out.toString());
    }

    @Test
    void graphCommandsWithoutAnIndexAreOneLine() {
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("refs 0x1000"));
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("findrefs 0x1000"));
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("path 0x1000 --all"));
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("histo --live"));
        for (String c : List.of("top", "dominators", "statics", "suspects", "histo --retained", "strings --dups")) {
            assertEquals(ExitCodes.DATA_ERROR, shell.execute(c), c);
        }
        assertEquals(java.util.Collections.nCopies(10, "no heap graph index in this session"),
                err.toString().strip().lines().toList());
    }

    @Test
    void badRootKindIsOneLine() {
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("roots --kind stack"));
        assertEquals("--kind must be one of thread_object, java_local, jni_local, jni_global, system_class,"
                + " class_loader, busy_monitor, vm_internal, conservative, unknown, not stack", err.toString().strip());
    }

    @Test
    void rootKindsByNameOrLabel() {
        assertEquals(io.sashell.sa.RootKind.JAVA_LOCAL, GraphArgs.rootKind("java_local"));
        assertEquals(io.sashell.sa.RootKind.JAVA_LOCAL, GraphArgs.rootKind("Java Local"));
        assertEquals(io.sashell.sa.RootKind.THREAD_OBJECT, GraphArgs.rootKind("thread"));
        assertEquals(io.sashell.sa.RootKind.SYSTEM_CLASS, GraphArgs.rootKind("SYSTEM-CLASS"));
    }

    @Test
    void optionsDoNotCarryOverFromOneCommandToTheNext() {
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("roots --kind bogus -n 3"));
        assertEquals(ExitCodes.DATA_ERROR, shell.execute("roots"));
        assertEquals(List.of("--kind must be one of thread_object, java_local, jni_local, jni_global, system_class,"
                + " class_loader, busy_monitor, vm_internal, conservative, unknown, not bogus",
                "no heap graph index in this session"), err.toString().strip().lines().toList());
    }

    @Test
    void quitEndsTheSession() {
        assertEquals(ExitCodes.OK, shell.execute("quit"));
        assertTrue(shell.context().quitRequested());
    }
}
