package io.sashell.cli.shell;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.sashell.analysis.HeapGraph;
import io.sashell.analysis.HeapQueries;
import io.sashell.analysis.ProcessFacts;
import io.sashell.cli.render.JfrRenderer;
import io.sashell.cli.render.Renderer;

/**
 * What every shell command works on: the opened core, its cached answers, and where output goes.
 * The REPL and one-shot mode share one context per opened core.
 */
public final class ShellContext {
    private final Path core;
    private final ProcessFacts process;
    private final HeapQueries heap;
    private final HeapGraph graph;
    private final PrintWriter out;
    private final Renderer renderer;
    private final boolean json;
    private final boolean redact;
    private volatile boolean quit;
    // Flight Recorder (issue 8): the recording beside the core, found and parsed on first use.
    private final JfrSession jfr = new JfrSession();
    // Made on first use: its JSON form starts a second Jackson mapper, a cost at start-up for every command.
    private JfrRenderer jfrRenderer;

    public ShellContext(Path core, ProcessFacts process, HeapQueries heap, PrintWriter out, boolean json) {
        this(core, process, heap, null, out, json, false);
    }

    /** With {@code redact}, every command prints as if the core were redacted ({@code open --redact}). */
    public ShellContext(Path core, ProcessFacts process, HeapQueries heap, PrintWriter out, boolean json,
                        boolean redact) {
        this(core, process, heap, null, out, json, redact);
    }

    /** @param graph the core's heap graph index (opened or built on first use), or null when there is none */
    public ShellContext(Path core, ProcessFacts process, HeapQueries heap, HeapGraph graph, PrintWriter out,
                        boolean json) {
        this(core, process, heap, graph, out, json, false);
    }

    /**
     * @param graph  the core's heap graph index (opened or built on first use), or null when there is none
     * @param redact every command prints as if the core were redacted ({@code open --redact})
     */
    public ShellContext(Path core, ProcessFacts process, HeapQueries heap, HeapGraph graph, PrintWriter out,
                        boolean json, boolean redact) {
        this.core = core;
        this.process = process;
        this.heap = heap;
        this.graph = graph;
        this.out = out;
        this.json = json;
        this.redact = redact;
        Renderer base = json ? Renderer.json(out) : Renderer.text(out);
        this.renderer = redact ? Renderer.redacting(base) : base;
    }

    public Path core() {
        return core;
    }

    public ProcessFacts process() {
        return process;
    }

    public HeapQueries heap() {
        return heap;
    }

    /** The heap graph index of the core, or empty in sessions without one (unit tests). */
    public java.util.Optional<HeapGraph> graph() {
        return java.util.Optional.ofNullable(graph);
    }

    public PrintWriter out() {
        return out;
    }

    public Renderer renderer() {
        return renderer;
    }

    /** The renderer of the {@code jfr} commands (redacting with {@code open --redact}). */
    public synchronized JfrRenderer jfrRenderer() {
        if (jfrRenderer == null) {
            JfrRenderer base = JfrRenderer.of(out, json);
            jfrRenderer = redact ? JfrRenderer.redacting(base) : base;
        }
        return jfrRenderer;
    }

    public void requestQuit() {
        quit = true;
    }

    public boolean quitRequested() {
        return quit;
    }

    public boolean json() {
        return json;
    }

    /** True in {@code open --redact} sessions: files written (reports) leave data out too. */
    public boolean redacted() {
        return redact;
    }

    public JfrSession jfr() {
        return jfr;
    }
}
