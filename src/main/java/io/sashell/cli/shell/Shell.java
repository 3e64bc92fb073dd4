package io.sashell.cli.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.jline.reader.impl.DefaultParser;

import io.sashell.analysis.ClassNames;
import io.sashell.analysis.UnknownClassException;
import io.sashell.cli.ExitCodes;
import io.sashell.cli.UserDataException;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.sa.SaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command table of the shell, shared by the REPL and one-shot {@code -c} mode: parses one line, runs the
 * command, turns every failure into one line on the error stream and an exit status.
 */
public final class Shell {
    @Command(name = "sa-shell", subcommands = {InfoCommand.class, ThreadsCommand.class, BtCommand.class,
            HistoCommand.class, InstancesCommand.class, InspectCommand.class, RefsCommand.class, PathCommand.class,
            RootsCommand.class, IndexCommand.class, TopCommand.class, DominatorsCommand.class, StaticsCommand.class,
            SuspectsCommand.class, StringsCommand.class, MemoryCommand.class, DiffCommand.class, JfrCommand.class,
            ExportCommand.class, ReportCommand.class,
            HelpCommand.class, QuitCommand.class})
    static final class Root {
    }

    /** The root of a table with one command, added by {@link #tableFor}. */
    @Command(name = "sa-shell")
    static final class BareRoot {
    }

    private final ShellContext ctx;
    private final PrintWriter err;
    private final boolean verbose;

    public Shell(ShellContext ctx, PrintWriter err, boolean verbose) {
        this.ctx = ctx;
        this.err = err;
        this.verbose = verbose;
    }

    public ShellContext context() {
        return ctx;
    }

    /**
     * The command table {@link #execute} uses, made once: making one costs 5 to 15 ms of CPU (picocli reads
     * every command's annotations), more than most answers from the index take. Picocli resets every option
     * to its initial value before each parse, so reusing it carries nothing from one command to the next.
     */
    private CommandLine table;

    private CommandLine table() {
        if (table == null) {
            table = commandLine();
        }
        return table;
    }

    /** Tables of one command each, by command class (see {@link #tableFor}). */
    private final Map<Class<?>, CommandLine> singles = new HashMap<>();

    /**
     * The table to run a command line starting with {@code word}: the whole table once it exists, else, when the
     * word is a command's exact name or alias, a table of that command alone. One-shot runs ({@code -c},
     * {@code export}, {@code report}) then pay for the annotations of the commands they run, not of all twenty
     * (picocli read them at 25-30 ms of the critical path before an export's walk, JIT cold). {@code help}
     * lists the others, so it gets the whole table.
     */
    private CommandLine tableFor(String word) {
        if (table != null) {
            return table;
        }
        for (Class<?> c : Root.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (c != HelpCommand.class && (command.name().equals(word) || List.of(command.aliases()).contains(word))) {
                return singles.computeIfAbsent(c, k -> {
                    CommandLine single = withContext(new BareRoot());
                    single.addSubcommand(k);
                    return single.setCaseInsensitiveEnumValuesAllowed(true);
                });
            }
        }
        return table();
    }

    /** A fresh command table whose commands share this shell's context. */
    public CommandLine commandLine() {
        return withContext(new Root()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** A table of {@code root} whose commands, as picocli makes them, get this shell's context. */
    private CommandLine withContext(Object root) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return new CommandLine(root, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = defaults.create(cls);
                if (k instanceof ShellCommand) {
                    ((ShellCommand) k).ctx = ctx;
                }
                return k;
            }
        });
    }

    /** The command names (without aliases), for completion and help. */
    public List<String> commandNames() {
        List<String> names = new ArrayList<>();
        for (CommandLine c : distinctSubcommands(table())) {
            names.add(c.getCommandName());
        }
        return names;
    }

    /** The command a typed word names (name, alias or unique prefix), if any. */
    public java.util.Optional<String> commandFor(String word) {
        try {
            return java.util.Optional.of(resolve(table(), word).getCommandName());
        } catch (CommandLine.ParameterException e) {
            return java.util.Optional.empty();
        }
    }

    /** Runs one command line; returns its exit status. Errors are printed, never thrown. */
    public int execute(String line) {
        List<String> words = split(line);
        if (words.isEmpty()) {
            return ExitCodes.OK;
        }
        String first = words.get(0);
        CommandLine cl = tableFor(first);
        try {
            words.set(0, resolve(cl, first).getCommandName());
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex));
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println(oneLine(ex.getMessage()));
            CommandLine failed = ex.getCommandLine();
            err.println("usage: " + withoutRoot(failed.getHelp().synopsis(0).strip()));
            err.flush();
            return ExitCodes.USAGE;
        });
        try {
            return cl.execute(words.toArray(new String[0]));
        } catch (RuntimeException e) {
            return failure(e);
        } catch (Error e) {
            // SA signals damaged data with AssertionError and friends: still one line, and the shell goes on.
            return failure(new IllegalStateException(e.toString(), e));
        } finally {
            ctx.out().flush();
        }
    }

    private int failure(Exception ex) {
        if (ex instanceof UserDataException || ex instanceof UnknownClassException || ex instanceof SaException
                || ex instanceof UnreadableMemoryException) {
            return fail(ex, ExitCodes.DATA_ERROR);
        }
        if (ex instanceof CancellationException) {
            err.println("cancelled");
            err.flush();
            return ExitCodes.CANCELLED;
        }
        err.println("internal error: " + oneLine(String.valueOf(ex)) + (verbose ? "" : " (--verbose shows the stack trace)"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    private int fail(Exception e, int code) {
        err.println(oneLine(e.getMessage()));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The subcommand a word names: exact name or alias, else a unique prefix of one name; unknown or
     * ambiguous words are a ParameterException with the candidates.
     */
    static CommandLine resolve(CommandLine root, String word) {
        Map<String, CommandLine> subs = root.getSubcommands();
        CommandLine exact = subs.get(word);
        if (exact != null) {
            return exact;
        }
        List<CommandLine> byPrefix = new ArrayList<>();
        for (CommandLine c : distinctSubcommands(root)) {
            if (c.getCommandName().startsWith(word)) {
                byPrefix.add(c);
            }
        }
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        if (byPrefix.size() > 1) {
            List<String> names = byPrefix.stream().map(CommandLine::getCommandName).toList();
            throw new CommandLine.ParameterException(root,
                    "ambiguous command: " + word + " could be " + String.join(", ", names));
        }
        List<String> close = new ArrayList<>();
        for (String name : subs.keySet()) {
            if (ClassNames.distance(name, word.toLowerCase(Locale.ROOT)) <= 2) {
                close.add(name);
            }
        }
        close.sort(Comparator.naturalOrder());
        throw new CommandLine.ParameterException(root, "unknown command: " + word
                + (close.isEmpty() ? "; type help for the list" : "; did you mean " + String.join(", ", close) + "?"));
    }

    /** Usage lines name the command as typed in the shell, without the program's name. */
    static String withoutRoot(String usage) {
        return usage.replaceFirst("(?m)^(Usage: )?sa-shell ", "$1");
    }

    static List<CommandLine> distinctSubcommands(CommandLine root) {
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine c : root.getSubcommands().values()) {
            if (seen.put(c, Boolean.TRUE) == null) {
                out.add(c);
            }
        }
        return out;
    }

    static List<String> split(String line) {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        return new ArrayList<>(parser.parse(line, line.length()).words().stream()
                .filter(w -> !w.isEmpty()).toList());
    }
}
