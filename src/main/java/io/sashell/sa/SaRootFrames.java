package io.sashell.sa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import sun.jvm.hotspot.code.CodeBlob;
import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.oops.Method;
import sun.jvm.hotspot.oops.Symbol;
import sun.jvm.hotspot.runtime.AddressVisitor;
import sun.jvm.hotspot.runtime.BasicType;
import sun.jvm.hotspot.runtime.Frame;
import sun.jvm.hotspot.runtime.JavaThread;
import sun.jvm.hotspot.runtime.JavaVFrame;
import sun.jvm.hotspot.runtime.MonitorInfo;
import sun.jvm.hotspot.runtime.ObjectMonitor;
import sun.jvm.hotspot.runtime.StackFrameStream;
import sun.jvm.hotspot.runtime.StackValue;
import sun.jvm.hotspot.runtime.StackValueCollection;
import sun.jvm.hotspot.runtime.VM;

/**
 * A thread's frame roots. Two walks over the same stack: the physical frames ({@link StackFrameStream}) give
 * every oop slot through the frames' oop maps (interpreted frames: the bytecode liveness mask; compiled frames:
 * the OopMap at the return address, narrow oops included); the Java vframes ({@code getLastJavaVFrameDbg},
 * {@code javaSender}) give the names (class.method:line, inlined scopes) and the monitors each frame holds.
 *
 * <p>Where a precise walk is impossible the stack is left to a conservative scan ({@link StackRange}): the whole
 * stack from the crash's stack pointer when the thread was running Java code (without a frame anchor its top
 * frame has no oop map at that pc, and SA would silently use the next one; the frames below are still walked
 * precisely), a single frame when its oop map cannot be computed (SA 25
 * fails on methods with invokedynamic: "Corrupted constant pool"), the rest of the stack when the walk itself
 * breaks.
 */
final class SaRootFrames {
    private static final int MAX_FRAMES = 10_000;

    private SaRootFrames() {
    }

    /** One Java vframe: its number from the top, its name, and (compiled frames only) its oop locals. */
    private record JavaFrameInfo(int number, String name, String kind, Map<Long, String> oopLocals) {
        String label() {
            return "frame " + number + " " + name + " (" + kind + ")";
        }
    }

    static void walk(SaRootThread t, SaRootCollector out) {
        JavaThread jt = t.thread();
        boolean running;
        boolean anchored;
        try {
            running = SaRootThreads.runningJava(jt);
            anchored = jt.hasLastJavaFrame();
        } catch (RuntimeException | Error e) {
            out.problem("thread \"" + t.name() + "\": state unreadable", e);
            running = true;
            anchored = false;
        }
        long sp = stackPointer(jt, t.stackLow(), t.stackBase());
        if (running && t.stackBase() > sp) {
            out.range(new StackRange(t.name(), t.threadObject(), t.osThreadId(), sp, t.stackBase(), anchored
                    ? "running Java code at the crash: the words below its last Java frame have no oop map"
                    : "running Java code at the crash (no last Java frame): the top frame has no precise oop map",
                    SaRootThreads.registers(jt)));
        }
        Map<Long, List<JavaFrameInfo>> javaFrames = javaFrames(t, out);
        physicalFrames(t, out, javaFrames, running && !anchored, sp, t.stackBase());
    }

    private static long stackPointer(JavaThread jt, long stackLow, long stackBase) {
        try {
            long sp = SaAddresses.of(jt.lastSPDbg());
            if (sp > stackLow && sp < stackBase) {
                return sp;
            }
        } catch (RuntimeException e) {
            // The register set is missing from the core: fall back to the whole stack.
        }
        return stackLow;
    }

    /** The Java vframes, grouped by the stack pointer of their physical frame; records the monitors held. */
    private static Map<Long, List<JavaFrameInfo>> javaFrames(SaRootThread t, SaRootCollector out) {
        Map<Long, List<JavaFrameInfo>> bySp = new HashMap<>();
        long pending = monitorObject(t, true, out);
        long waiting = monitorObject(t, false, out);
        JavaVFrame vf;
        try {
            vf = t.thread().getLastJavaVFrameDbg();
        } catch (RuntimeException | Error e) {
            out.problem("thread \"" + t.name() + "\": no Java frames", e);
            return bySp;
        }
        for (int n = 0; vf != null && n < MAX_FRAMES; n++) {
            JavaFrameInfo info;
            try {
                info = info(n, vf);
                bySp.computeIfAbsent(SaAddresses.of(vf.getFrame().getSP()), k -> new ArrayList<>()).add(info);
                monitors(t, vf, info, pending, waiting, out);
            } catch (RuntimeException | Error e) {
                out.problem("thread \"" + t.name() + "\" frame " + n + ": unreadable", e);
            }
            try {
                vf = vf.javaSender();
            } catch (RuntimeException | Error e) {
                out.problem("thread \"" + t.name() + "\": Java frames stop after frame " + n, e);
                break;
            }
        }
        return bySp;
    }

    /** The object of the monitor the thread is blocked entering ({@code pending}) or waiting on, or 0. */
    private static long monitorObject(SaRootThread t, boolean pending, SaRootCollector out) {
        try {
            ObjectMonitor m = pending ? t.thread().getCurrentPendingMonitor() : t.thread().getCurrentWaitingMonitor();
            return m == null ? 0 : SaAddresses.of(m.object());
        } catch (RuntimeException | Error e) {
            out.problem("thread \"" + t.name() + "\": " + (pending ? "pending" : "waiting") + " monitor unreadable", e);
            return 0;
        }
    }

    private static JavaFrameInfo info(int number, JavaVFrame vf) {
        Method m = vf.getMethod();
        int bci = vf.getBCI();
        String holder = SaSymbols.text(m.getMethodHolder().getName()).replace('/', '.');
        String name = holder + "." + SaSymbols.text(m.getName());
        int line = -1;
        try {
            line = m.hasLineNumberTable() ? m.getLineNumberFromBCI(bci) : -1;
        } catch (RuntimeException e) {
            line = -1;
        }
        if (line >= 0) {
            name += ":" + line;
        }
        String kind = m.isNative() ? "native" : vf.isCompiledFrame() ? "compiled" : "interpreted";
        Map<Long, String> oopLocals = new HashMap<>();
        if (vf.isCompiledFrame()) {
            // Only to name the slots the oop map gives: the debug info says which local holds which oop.
            try {
                StackValueCollection locals = vf.getLocals();
                for (int i = 0; i < locals.size(); i++) {
                    StackValue v = locals.get(i);
                    if (v.getType() == BasicType.getTObject() && v.getObject() != null) {
                        oopLocals.putIfAbsent(SaAddresses.of(v.getObject()), "frame " + number + " " + name
                                + " (compiled), local " + i + localName(m, bci, i));
                    }
                }
            } catch (RuntimeException | Error e) {
                SaRootCollector.rethrowFatal(e);
            }
        }
        return new JavaFrameInfo(number, name, kind, oopLocals);
    }

    /**
     * The monitors a frame holds. A thread blocked entering a monitor already has it in its frame's monitor
     * list, though it does not hold it: skipped (the inflated monitor names its owner and contenders). A monitor
     * the thread waits on (Object.wait) is released but kept in the frame: reported as waited on.
     */
    private static void monitors(SaRootThread t, JavaVFrame vf, JavaFrameInfo info, long pending, long waiting,
                                 SaRootCollector out) {
        List<MonitorInfo> monitors;
        try {
            monitors = vf.getMonitors();
        } catch (RuntimeException | Error e) {
            out.problem("thread \"" + t.name() + "\" " + info.label() + ": monitors unreadable", e);
            return;
        }
        for (MonitorInfo mi : monitors) {
            if (mi.ownerIsScalarReplaced()) {
                continue;
            }
            OopHandle owner = mi.owner();
            long object = SaAddresses.of(owner);
            if (!out.inHeap(owner) || object == pending) {
                continue;
            }
            String how = object == waiting ? "monitor waited on (Object.wait) in " : "monitor held by ";
            out.add(object, RootKind.BUSY_MONITOR, how + info.label() + " of \"" + t.name() + "\"", t);
        }
    }

    /**
     * The oop slots of every physical frame. {@code skipTop}: the top frame's pc has no oop map (the thread was
     * running), its words are in a conservative range already. {@code sp}: where the stack's live words start.
     */
    private static void physicalFrames(SaRootThread t, SaRootCollector out, Map<Long, List<JavaFrameInfo>> javaFrames,
                                       boolean skipTop, long sp, long stackBase) {
        StackFrameStream fst;
        try {
            fst = new StackFrameStream(t.thread());
        } catch (RuntimeException | Error e) {
            out.problem("thread \"" + t.name() + "\": frames unwalkable", e);
            restOfStack(t, out, sp, stackBase, "frames unwalkable: " + SaErrors.oneLine(e));
            return;
        }
        long lastSp = 0;
        for (int n = 0; n < MAX_FRAMES; n++) {
            Frame f;
            try {
                // isDone() is asked once per frame: it also marks the current frame as the last one.
                if (fst.isDone()) {
                    return;
                }
                f = fst.getCurrent();
            } catch (RuntimeException | Error e) {
                out.problem("thread \"" + t.name() + "\": frame walk stopped", e);
                restOfStack(t, out, lastSp > 0 ? lastSp : sp, stackBase, "frame walk stopped: " + SaErrors.oneLine(e));
                return;
            }
            long frameSp = SaAddresses.of(f.getSP());
            if (frameSp <= lastSp) {
                out.problem(String.format("thread \"%s\": frame walk stopped: sp 0x%x not above 0x%x", t.name(),
                        frameSp, lastSp));
                restOfStack(t, out, lastSp, stackBase, "frame walk stopped: stack pointers not increasing");
                return;
            }
            lastSp = frameSp;
            List<JavaFrameInfo> infos = javaFrames.getOrDefault(frameSp, List.of());
            Throwable failure = null;
            if (!(n == 0 && skipTop)) {
                try {
                    frameOops(t, out, f, fst, infos, n);
                } catch (RuntimeException | Error e) {
                    SaRootCollector.rethrowFatal(e);
                    failure = e;
                }
            }
            long senderSp;
            try {
                fst.next();
                Frame sender = fst.getCurrent();
                // After the last frame next() does nothing: the "sender" is the frame itself.
                senderSp = sender == null || sender == f ? 0 : SaAddresses.of(sender.getSP());
            } catch (RuntimeException | Error e) {
                SaRootCollector.rethrowFatal(e);
                if (failure != null) {
                    frameFailed(t, out, infos, failure, frameSp, stackBase);
                }
                out.problem("thread \"" + t.name() + "\": frame walk stopped", e);
                restOfStack(t, out, frameSp, stackBase, "frame walk stopped: " + SaErrors.oneLine(e));
                return;
            }
            if (failure != null) {
                frameFailed(t, out, infos, failure, frameSp, frameHigh(f, senderSp, stackBase));
            }
        }
        out.problem("thread \"" + t.name() + "\": more than " + MAX_FRAMES + " frames, the rest not walked");
    }

    private static void frameFailed(SaRootThread t, SaRootCollector out, List<JavaFrameInfo> infos,
                                    Throwable e, long low, long high) {
        String label = infos.isEmpty() ? String.format("frame at sp 0x%x", low) : infos.get(0).label();
        out.problem("thread \"" + t.name() + "\" " + label + ": oop map unavailable, scanned conservatively", e);
        out.range(new StackRange(t.name(), t.threadObject(), t.osThreadId(), low, high,
                label + ": oop map unavailable: " + SaErrors.oneLine(e)));
    }

    private static void restOfStack(SaRootThread t, SaRootCollector out, long from, long stackBase, String reason) {
        if (from > 0 && stackBase > from) {
            out.range(new StackRange(t.name(), t.threadObject(), t.osThreadId(), from, stackBase, reason));
        }
    }

    /** Where a frame's slots end: its sender's stack pointer, or past its locals (interpreted frames). */
    private static long frameHigh(Frame f, long senderSp, long stackBase) {
        long high = senderSp > 0 ? senderSp : stackBase;
        try {
            if (f.isInterpretedFrame()) {
                long locals = SaAddresses.of(f.addressOfInterpreterFrameLocal(0)) + VM.getVM().getAddressSize();
                if (locals > high && locals <= stackBase) {
                    high = locals;
                }
            }
        } catch (RuntimeException | Error e) {
            SaRootCollector.rethrowFatal(e);
        }
        return high;
    }

    private static void frameOops(SaRootThread t, SaRootCollector out, Frame f, StackFrameStream fst,
                                  List<JavaFrameInfo> infos, int n) {
        if (f.isInterpretedFrame()) {
            f.oopsDo(new SlotVisitor(t, out, interpretedNamer(f, infos)), fst.getRegisterMap());
            return;
        }
        if (f.isEntryFrame()) {
            SaRootThreads.savedJniLocals(t, out, f, n);
            return;
        }
        CodeBlob cb = VM.getVM().getCodeCache().findBlob(f.getPC());
        if (cb == null) {
            // A native C frame between Java frames: it holds handles, not oops.
            return;
        }
        SaRootCompat.compiledOopsDo(f, fst.getRegisterMap(), new SlotVisitor(t, out, compiledNamer(f, cb, infos)));
    }

    /** Names a slot given its address and the oop it holds. */
    private interface SlotNamer {
        String name(long slot, long oop);
    }

    private static SlotNamer interpretedNamer(Frame f, List<JavaFrameInfo> infos) {
        JavaFrameInfo info = infos.isEmpty() ? null : infos.get(0);
        Method m = f.getInterpreterFrameMethod();
        int bci = f.getInterpreterFrameBCI();
        String label = info != null ? info.label()
                : "frame " + m.getMethodHolder().getName().asString().replace('/', '.') + "." + m.getName().asString()
                + " (interpreted)";
        long word = VM.getVM().getAddressSize();
        // Through the slot accessors: SA 17's addressOfInterpreterFrameLocals() is the address of the
        // frame word holding the locals pointer, SA 25's the locals themselves.
        long locals = SaAddresses.of(f.addressOfInterpreterFrameLocal(0));
        long maxLocals = m.isNative() ? m.getSizeOfParameters() : m.getMaxLocals();
        long expressions = m.isNative() ? 0 : SaAddresses.of(f.addressOfInterpreterFrameExpressionStackSlot(0));
        return (slot, oop) -> {
            long local = (locals - slot) / word;
            if (slot <= locals && (locals - slot) % word == 0 && local < maxLocals) {
                return label + ", local " + local + localName(m, bci, (int) local);
            }
            if (expressions != 0 && slot <= expressions) {
                return label + ", operand stack " + (expressions - slot) / word;
            }
            return String.format("%s, slot 0x%x", label, slot);
        };
    }

    private static SlotNamer compiledNamer(Frame f, CodeBlob cb, List<JavaFrameInfo> infos) {
        long sp = SaAddresses.of(f.getSP());
        long size = cb.getFrameSize();
        String label;
        if (!infos.isEmpty()) {
            label = infos.get(0).label();
        } else {
            label = String.format("frame at sp 0x%x (%s)", sp, cb.getName());
        }
        return (slot, oop) -> {
            for (JavaFrameInfo info : infos) {
                String local = info.oopLocals().get(oop);
                if (local != null) {
                    return local;
                }
            }
            if (slot >= sp && slot < sp + size) {
                return String.format("%s, slot sp+0x%x", label, slot - sp);
            }
            return String.format("%s, register saved at 0x%x", label, slot);
        };
    }

    private static String localName(Method m, int bci, int slot) {
        try {
            if (m.hasLocalVariableTable()) {
                Symbol name = m.getLocalVariableName(bci, slot);
                if (name != null) {
                    return " (" + name.asString() + ")";
                }
            }
        } catch (RuntimeException e) {
            return "";
        }
        return "";
    }

    /** Turns each visited slot into a {@link RootKind#JAVA_LOCAL} root; slots outside the heap are counted. */
    private static final class SlotVisitor implements AddressVisitor {
        private final SaRootThread thread;
        private final SaRootCollector out;
        private final SlotNamer namer;

        SlotVisitor(SaRootThread thread, SaRootCollector out, SlotNamer namer) {
            this.thread = thread;
            this.out = out;
            this.namer = namer;
        }

        @Override
        public void visitAddress(Address slot) {
            add(slot, slot.getOopHandleAt(0));
        }

        @Override
        public void visitCompOopAddress(Address slot) {
            add(slot, slot.getCompOopHandleAt(0));
        }

        private void add(Address slot, OopHandle oop) {
            if (oop == null) {
                return;
            }
            long value = SaAddresses.of(oop);
            if (!out.inHeap(oop)) {
                out.problem(String.format("thread \"%s\": %s holds 0x%x, not in the heap", thread.name(),
                        namer.name(SaAddresses.of(slot), value), value));
                return;
            }
            out.add(value, RootKind.JAVA_LOCAL, "\"" + thread.name() + "\" " + namer.name(SaAddresses.of(slot), value),
                    thread);
        }
    }
}
