package io.sashell.sa;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.sashell.core.SameFile;
import io.sashell.core.Timing;

import sun.jvm.hotspot.HotSpotAgent;
import sun.jvm.hotspot.runtime.VM;

/**
 * One attachment of the Serviceability Agent to a core. SA keeps its VM model in static state, so only one
 * session may be open per process at a time.
 */
public final class SaSession implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static boolean open;
    /** An attachment started ahead of time ({@link #attachEarly}), not yet taken; guarded by LOCK. */
    private static FutureTask<SaSession> early;
    private static Path earlyExecutable;
    private static Path earlyCore;

    private final HotSpotAgent agent;
    private final Path core;
    private final Path executable;

    private SaSession(HotSpotAgent agent, Path core, Path executable) {
        this.agent = agent;
        this.core = core;
        this.executable = executable;
    }

    /**
     * Starts attaching SA to {@code core} on a thread of its own, while the command line is parsed and the core
     * checked (about 0.25 s each on 2 cores); the next {@link #attach} of the same files takes the result. An
     * attach of other files waits for it, lets it go and attaches anew. Does nothing if a session is open.
     */
    public static void attachEarly(Path executable, Path core) {
        synchronized (LOCK) {
            if (open || early != null) {
                return;
            }
            early = new FutureTask<>(() -> {
                SaSession s = attachNow(executable, core);
                Timing.mark("SA attached (early thread)");
                return s;
            });
            earlyExecutable = executable;
            earlyCore = core;
            Thread t = new Thread(early, "sa-shell-attach");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Attaches SA to {@code core}, written by a JVM whose launcher was {@code executable}. About 0.3 s. */
    public static SaSession attach(Path executable, Path core) {
        FutureTask<SaSession> started;
        boolean same;
        synchronized (LOCK) {
            started = early;
            same = started != null && SameFile.of(earlyExecutable, executable) && SameFile.of(earlyCore, core);
            early = null;
        }
        if (started != null) {
            try {
                SaSession s = started.get();
                if (same) {
                    return s;
                }
                s.close();
            } catch (ExecutionException e) {
                if (same) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SaException(core + ": interrupted while the Serviceability Agent opened the core", e);
            }
        }
        return attachNow(executable, core);
    }

    private static SaSession attachNow(Path executable, Path core) {
        synchronized (LOCK) {
            if (open) {
                throw new IllegalStateException("an SA session is already open in this process");
            }
            HotSpotAgent agent = new HotSpotAgent();
            try {
                agent.attach(executable.toString(), core.toString());
                VM.getVM();
                SaMetadataTypes.install();
                SaCodeHeaps.install();
                SaSymbols.reset();
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

    /**
     * SA's object model on generational ZGC heaps ({@link SaZgcCollectedHeap}), SA's object listing on JDK 17's
     * ({@link SaZgc17Heap}); a failure leaves SA as it was.
     */
    private static void installZgcHeap() {
        try {
            if (!SaZgcCollectedHeap.install()) {
                SaZgc17Heap.install();
            }
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
