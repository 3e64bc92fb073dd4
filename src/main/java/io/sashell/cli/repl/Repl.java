package io.sashell.cli.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import io.sashell.cli.ExitCodes;
import io.sashell.cli.shell.Shell;

/**
 * The interactive shell: prompt with the core's name, persistent history (mode 0600), completion of command
 * names and class names, Ctrl-C cancels the running command, Ctrl-D or quit leaves.
 */
public final class Repl {
    private final Terminal terminal;
    private final Function<PrintWriter, Shell> shellFactory;
    private final String coreName;
    private final Path historyFile;

    /** {@code shellFactory} builds the shell on the terminal's writer (output and errors both go there). */
    public Repl(Terminal terminal, Function<PrintWriter, Shell> shellFactory, String coreName, Path historyFile) {
        this.terminal = terminal;
        this.shellFactory = shellFactory;
        this.coreName = coreName;
        this.historyFile = historyFile;
    }

    public int run(String hint) {
        PrintWriter out = terminal.writer();
        Shell shell = shellFactory.apply(out);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("sa-shell")
                .completer(new ShellCompleter(shell));
        if (historyFile != null && prepareHistory(historyFile)) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        if (hint != null && !hint.isEmpty()) {
            out.println(hint);
            out.flush();
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sa-shell-command");
            t.setDaemon(true);
            return t;
        });
        String prompt = "sa-shell " + coreName + "> ";
        try {
            while (!shell.context().quitRequested()) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                runCancellable(worker, shell, line, out);
            }
        } finally {
            worker.shutdownNow();
            saveHistory(reader);
        }
        return ExitCodes.OK;
    }

    /**
     * Runs one command on the worker thread; Ctrl-C interrupts it (long walks check for that and stop with
     * "cancelled", printed by the shell). The prompt comes back only once the command has really ended.
     */
    private void runCancellable(ExecutorService worker, Shell shell, String line, PrintWriter out) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Thread> runner = new AtomicReference<>();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
            Thread t = runner.get();
            if (t != null) {
                t.interrupt();
            }
        });
        worker.execute(() -> {
            runner.set(Thread.currentThread());
            try {
                shell.execute(line);
            } finally {
                runner.set(null);
                Thread.interrupted();
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            out.flush();
        }
    }

    private static boolean prepareHistory(Path file) {
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
            if (historyFile != null && Files.exists(historyFile)) {
                Files.setPosixFilePermissions(historyFile, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // History is a convenience; a read-only home must not break the shell.
        }
    }
}
