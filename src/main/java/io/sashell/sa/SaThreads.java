package io.sashell.sa;

import java.util.ArrayList;
import java.util.List;

import sun.jvm.hotspot.oops.Method;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.oops.OopUtilities;
import sun.jvm.hotspot.runtime.JavaThread;
import sun.jvm.hotspot.runtime.JavaVFrame;
import sun.jvm.hotspot.runtime.Threads;
import sun.jvm.hotspot.runtime.VM;

/** Java threads and their Java frames, read through SA. */
public final class SaThreads {
    private static final int MAX_FRAMES = 4096;

    private SaThreads() {
    }

    public static List<JavaThreadFacts> threads() {
        Threads threads = VM.getVM().getThreads();
        int n = threads.getNumberOfThreads();
        List<JavaThreadFacts> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(facts(i, threads.getJavaThreadAt(i)));
        }
        return out;
    }

    public static StackFacts stack(JavaThreadFacts thread) {
        JavaThread jt = VM.getVM().getThreads().getJavaThreadAt(thread.index());
        List<FrameFacts> frames = new ArrayList<>();
        String problem = "";
        try {
            for (JavaVFrame vf = jt.getLastJavaVFrameDbg(); vf != null && frames.size() < MAX_FRAMES;
                 vf = vf.javaSender()) {
                frames.add(frame(vf));
            }
        } catch (RuntimeException | AssertionError e) {
            problem = "stack walk stopped: " + SaErrors.oneLine(e);
        }
        return new StackFacts(thread, frames, problem);
    }

    private static FrameFacts frame(JavaVFrame vf) {
        Method m = vf.getMethod();
        int bci = vf.getBCI();
        int line = -1;
        try {
            line = m.hasLineNumberTable() ? m.getLineNumberFromBCI(bci) : -1;
        } catch (RuntimeException e) {
            line = -1;
        }
        String kind = m.isNative() ? "native" : vf.isCompiledFrame() ? "compiled" : "interpreted";
        return new FrameFacts(SaSymbols.text(m.getMethodHolder().getName()).replace('/', '.'),
                SaSymbols.text(m.getName()), SaSymbols.text(m.getSignature()), bci, line, kind);
    }

    private static JavaThreadFacts facts(int index, JavaThread jt) {
        String name = "";
        long javaId = -1;
        String state = "";
        boolean daemon = false;
        long objAddress = 0;
        try {
            Oop obj = jt.getThreadObj();
            if (obj != null) {
                objAddress = SaAddresses.of(obj.getHandle());
                name = OopUtilities.threadOopGetName(obj);
                javaId = OopUtilities.threadOopGetTID(obj);
                state = OopUtilities.threadOopGetThreadStatusName(obj);
                daemon = OopUtilities.threadOopGetDaemon(obj);
            }
        } catch (RuntimeException e) {
            name = name.isEmpty() ? "<unreadable>" : name;
        }
        if (name == null || name.isEmpty()) {
            name = jt.getThreadName();
        }
        long osTid = -1;
        try {
            osTid = jt.getOSThread().threadId();
        } catch (RuntimeException e) {
            osTid = -1;
        }
        String vmState;
        try {
            vmState = String.valueOf(jt.getThreadState());
        } catch (RuntimeException e) {
            vmState = "?";
        }
        return new JavaThreadFacts(index, name, javaId, osTid, state, vmState, daemon,
                SaAddresses.of(jt.getAddress()), objAddress);
    }
}
