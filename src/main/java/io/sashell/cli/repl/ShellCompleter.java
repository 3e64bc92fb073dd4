package io.sashell.cli.repl;

import java.util.List;
import java.util.Set;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import io.sashell.cli.shell.Shell;

/** Completes command names first, then class names from the core for the commands that take a class. */
final class ShellCompleter implements Completer {
    private static final Set<String> CLASS_COMMANDS = Set.of("histo", "instances");
    private final Shell shell;
    private List<String> classNames;

    ShellCompleter(Shell shell) {
        this.shell = shell;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (String name : shell.commandNames()) {
                candidates.add(new Candidate(name));
            }
            return;
        }
        String cmd = shell.commandFor(line.words().get(0)).orElse("");
        if (CLASS_COMMANDS.contains(cmd) && !line.word().startsWith("-")) {
            if (classNames == null) {
                try {
                    classNames = shell.context().heap().classNames();
                } catch (RuntimeException e) {
                    classNames = List.of();
                }
            }
            String prefix = line.word();
            for (String n : classNames) {
                if (n.startsWith(prefix)) {
                    candidates.add(new Candidate(n, n, null, null, null, null, true));
                }
            }
        }
    }
}
