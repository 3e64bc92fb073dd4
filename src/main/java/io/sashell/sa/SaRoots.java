package io.sashell.sa;

import java.util.List;

import sun.jvm.hotspot.runtime.VM;

/**
 * The GC roots of the attached core, enumerated through SA (what works on which JDK, and why some roots are
 * walked by hand: {@code shared/notes/roots.md}).
 *
 * <p>Kinds: {@link RootKind#THREAD_OBJECT} per Java thread (and a mounted virtual thread);
 * {@link RootKind#JAVA_LOCAL} per oop slot of each frame (interpreted locals and operand stack, compiled
 * OopMaps, native wrapper handles); {@link RootKind#JNI_LOCAL} per thread's JNI handle blocks;
 * {@link RootKind#JNI_GLOBAL} from the JNI global OopStorage; {@link RootKind#BUSY_MONITOR} once per object
 * locked in a frame, on a lock stack (JDK 21+), or in an inflated monitor that is owned, waited on or contended;
 * {@link RootKind#SYSTEM_CLASS} per boot-loader class mirror; {@link RootKind#CLASS_LOADER} for the system and
 * platform loaders (every loader when class unloading is off); {@link RootKind#VM_INTERNAL} for the VM's own
 * strong OopStorages and the oops a thread holds for the VM (pending exception, call results). An object is
 * reported once per place that holds it, so it may appear under several kinds.
 *
 * <p>Where frames cannot be walked precisely, {@link RootSet#conservativeStacks()} names the stack ranges to
 * scan. Nothing stops the enumeration: every failure becomes one line of {@link RootSet#problems()}.
 */
public final class SaRoots {
    private SaRoots() {
    }

    /**
     * Enumerates the roots of the core SA is attached to ({@link SaSession}). Cost: one pass over every
     * thread's stack, the monitor list, the class loader data graph and the strong OopStorages; about a
     * second on a small core.
     *
     * @throws SaException when SA is not attached or the VM's basic structures are unreadable
     */
    public static RootSet enumerate() {
        VM vm;
        try {
            vm = VM.getVM();
        } catch (RuntimeException e) {
            throw new SaException("no core is attached: " + SaErrors.oneLine(e), e);
        }
        if (vm == null) {
            throw new SaException("no core is attached");
        }
        SaRootCollector out = new SaRootCollector();
        SaRootThreads.ThreadLayout layout;
        try {
            layout = new SaRootThreads.ThreadLayout();
        } catch (RuntimeException | Error e) {
            SaRootCollector.rethrowFatal(e);
            throw new SaException("cannot read the VM's thread layout: " + SaErrors.oneLine(e), e);
        }
        List<SaRootThread> threads = SaRootThreads.threads(out);
        threads.forEach(out::thread);
        for (SaRootThread t : threads) {
            try {
                SaRootThreads.walk(t, layout, out);
            } catch (RuntimeException | Error e) {
                out.problem("thread \"" + t.name() + "\" unwalkable", e);
            }
        }
        section(out, "inflated monitors", () -> SaRootMonitors.walk(out));
        section(out, "JNI global handles", () -> SaRootStorages.jniGlobals(out));
        section(out, "class loader data graph", () -> SaRootClasses.walk(out));
        section(out, "VM strong handles", () -> SaRootStorages.vmInternal(out, layout));
        if (out.zgc()) {
            section(out, "weak handles and class loader data", () -> SaZgcIteratorRoots.walk(out));
        }
        return out.result();
    }

    private static void section(SaRootCollector out, String what, Runnable walk) {
        try {
            walk.run();
        } catch (RuntimeException | Error e) {
            out.problem(what + " unreadable", e);
        }
    }
}
