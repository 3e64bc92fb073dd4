package io.sashell.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.sashell.analysis.HeapGraph;
import io.sashell.analysis.HeapQueries;
import io.sashell.analysis.ProcessFacts;
import io.sashell.bundle.BundleReader;
import io.sashell.bundle.UnpackedBundle;
import io.sashell.cli.render.IndexProgressBar;
import io.sashell.cli.render.WalkProgressBar;
import io.sashell.cli.repl.Repl;
import io.sashell.cli.shell.Shell;
import io.sashell.cli.shell.ShellContext;
import io.sashell.core.Timing;
import io.sashell.index.CoreIdentity;
import io.sashell.index.IndexStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sa-shell open CORE}: the REPL on a core (or a bundle), or one-shot commands with {@code -c}. */
@Command(name = "open", description = {"Open a core: an interactive shell, or run the -c commands and exit.",
        "CORE may be a bundle (sa-shell bundle): it is checked and unpacked once into ~/.cache/sa-shell/bundles"
                + " and opened with the JDK inside it."})
final class OpenCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CORE", description = "The core file or bundle (never modified).")
    Path core;

    @Option(names = "-c", paramLabel = "CMD", description = "Run CMD and exit (repeatable, in order).")
    List<String> commands = new ArrayList<>();

    @Option(names = "--json", description = "With -c: one JSON document per command.")
    boolean json;

    @Mixin
    CoreJdkOptions jdkOptions = new CoreJdkOptions();

    @Option(names = "--redact", description = "Print every answer as if the core were redacted (redact --level full):"
            + " no primitive values, strings, thread names or command line; for a screen share.")
    boolean redact;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "The process's Flight Recorder recording (default: the one found beside the core).")
    Path jfr;

    @Mixin
    IndexOptions index = new IndexOptions();

    /** Everything needed to open a core and run commands or the REPL on it. */
    record Request(Path core, Path exe, Path jdk, Path sysroot, boolean force, List<String> commands, boolean json, boolean verbose,
                   String hint, Path jfr, Path indexDir, boolean noIndex, boolean redact) {
        Request(Path core, Path exe, Path jdk, Path sysroot, boolean force, List<String> commands, boolean json,
                boolean verbose, String hint, Path jfr, Path indexDir, boolean noIndex) {
            this(core, exe, jdk, sysroot, force, commands, json, verbose, hint, jfr, indexDir, noIndex, false);
        }
    }

    @Override
    public Integer call() {
        index.check(() -> new CommandLine(this));
        if (BundleReader.looksLikeBundle(core)) {
            // The launcher unpacked it already (and chose this JVM for it): this finds the folder by its stamp.
            UnpackedBundle u = BundleOpening.unpack(core, System.err::println);
            CoreJdkOptions o = jdkOptions;
            return openAndRun(new Request(u.core(), o.exe, o.jdk != null ? o.jdk : u.runtime(), u.root(), o.force,
                    commands, json, o.verbose, "", jfr, index.dir, index.none, redact), Optional.of(BundleOpening.origin(u)));
        }
        CoreJdkOptions o = jdkOptions;
        return openAndRun(new Request(core, o.exe, o.jdk, o.sysroot, o.force, commands, json, o.verbose, "", jfr,
                index.dir, index.none, redact));
    }

    /** Where the core's index is kept: --index DIR, nowhere with --no-index, else the cache. */
    private static IndexStore indexStore(Request r) {
        if (r.noIndex()) {
            return IndexStore.none(Path.of(System.getProperty("java.io.tmpdir")));
        }
        Path dir = r.indexDir() != null ? r.indexDir() : Paths.cacheDir().resolve("index");
        try {
            // The cache keeps within its limits; a directory the user named keeps what it is given.
            return r.indexDir() != null ? IndexStore.in(Paths.privateDir(dir)) : IndexStore.cache(Paths.privateDir(dir));
        } catch (java.io.UncheckedIOException e) {
            throw new UserDataException("cannot make the index directory " + dir + ": " + e.getCause().getMessage(), e);
        }
    }

    private static HeapGraph graph(Request r, CoreOpener opened, HeapQueries heap) {
        return new HeapGraph(heap, opened.elf().memory(), indexStore(r), GcRootSource::enumerate,
                IndexProgressBar.forTerminal(r.json()), () -> CoreIdentity.of(opened.elf()));
    }

    static int openAndRun(Request r) {
        return openAndRun(r, Optional.empty());
    }

    private static int openAndRun(Request r, Optional<ProcessFacts.Bundle> bundle) {
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        try (CoreOpener opened = CoreOpener.open(r.core(), r.exe(), CoreJdks.locator(r.jdk(), r.sysroot(), r.force()),
                err::println)) {
            ProcessFacts process = bundle.map(opened.process()::withBundle).orElse(opened.process());
            if (r.commands().isEmpty()) {
                return repl(r, opened, process);
            }
            PrintWriter out = new PrintWriter(System.out, false, Charset.defaultCharset());
            HeapQueries heap = new HeapQueries(opened.elf().memory(), WalkProgressBar.forTerminal(r.json()));
            ShellContext ctx = new ShellContext(r.core(), process, heap, graph(r, opened, heap), out, r.json(),
                    r.redact());
            ctx.jfr().use(r.jfr());
            Shell shell = new Shell(ctx, err, r.verbose());
            Timing.mark("shell ready");
            for (String c : r.commands()) {
                Timing.Command timed = Timing.command(c);
                int rc = shell.execute(c);
                timed.done();
                if (rc != ExitCodes.OK) {
                    return rc;
                }
            }
            return ExitCodes.OK;
        } finally {
            CoreJdks.removeLauncherAltRoot();
        }
    }

    private static int repl(Request r, CoreOpener opened, ProcessFacts process) {
        System.setProperty("org.jline.terminal.dumb", "true");
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            HeapQueries heap = new HeapQueries(opened.elf().memory(), WalkProgressBar.forTerminal(r.json()));
            HeapGraph graph = graph(r, opened, heap);
            Repl repl = new Repl(terminal, w -> {
                ShellContext ctx = new ShellContext(r.core(), process, heap, graph, w, r.json(), r.redact());
                ctx.jfr().use(r.jfr());
                return new Shell(ctx, w, r.verbose());
            }, r.core().getFileName().toString(), Paths.historyFile());
            return repl.run(r.hint());
        } catch (java.io.IOException e) {
            throw new UserDataException("cannot open the terminal: " + e.getMessage(), e);
        }
    }
}
