package io.sashell.sa;

import java.nio.file.Path;

import sun.jvm.hotspot.HotSpotAgent;
import sun.jvm.hotspot.runtime.VM;

/**
 * One attachment of the Serviceability Agent to a core. SA keeps its VM model in static state, so only one
 * session may be open per process at a time.
 */
public final class SaSession implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static boolean open;

    private final HotSpotAgent agent;
    private final Path core;
    private final Path executable;

    private SaSession(HotSpotAgent agent, Path core, Path executable) {
        this.agent = agent;
        this.core = core;
        this.executable = executable;
    }

    /** Attaches SA to {@code core}, written by a JVM whose launcher was {@code executable}. About 0.3 s. */
    public static SaSession attach(Path executable, Path core) {
        synchronized (LOCK) {
            if (open) {
                throw new IllegalStateException("an SA session is already open in this process");
            }
            HotSpotAgent agent = new HotSpotAgent();
            try {
                agent.attach(executable.toString(), core.toString());
                VM.getVM();
                installZgcHeap();
            } catch (RuntimeException | Error e) {
                safeDetach(agent);
                throw new SaException(core + ": the Serviceability Agent could not open the core: "
                        + SaErrors.oneLine(e), e);
            }
            open = true;
            return new SaSession(agent, core, executable);
        }
    }

    /** SA's object model on generational ZGC heaps ({@link SaZgcCollectedHeap}); a failure leaves SA as it was. */
    private static void installZgcHeap() {
        try {
            SaZgcCollectedHeap.install();
        } catch (RuntimeException e) {
            // SA answers as without it: histograms come from the walker, roots and threads partly.
        }
    }

    public Path core() {
        return core;
    }

    public Path executable() {
        return executable;
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (open) {
                safeDetach(agent);
                open = false;
            }
        }
    }

    private static void safeDetach(HotSpotAgent agent) {
        try {
            agent.detach();
        } catch (RuntimeException e) {
            // Detaching a half-attached agent can fail; the process is going away with it anyway.
        }
    }
}
