package io.sashell.sa;

import java.util.ArrayList;
import java.util.List;

import sun.jvm.hotspot.runtime.JavaThread;
import sun.jvm.hotspot.runtime.Threads;
import sun.jvm.hotspot.runtime.VM;

/** The reserved stack of every Java thread, {low, high} pairs, from SA's {@code JavaThread}. */
public final class SaThreadStacks {
    private SaThreadStacks() {
    }

    /** Ranges SA could not read are left out. */
    public static List<long[]> ranges() {
        List<long[]> out = new ArrayList<>();
        try {
            Threads threads = VM.getVM().getThreads();
            int n = threads.getNumberOfThreads();
            for (int i = 0; i < n; i++) {
                try {
                    JavaThread t = threads.getJavaThreadAt(i);
                    long base = t.getStackBaseValue();
                    long size = t.getStackSize();
                    if (base != 0 && size > 0) {
                        out.add(new long[] {base - size, base});
                    }
                } catch (RuntimeException e) {
                    // One unreadable thread: its stack counts as anonymous memory.
                }
            }
        } catch (RuntimeException e) {
            return out;
        }
        return out;
    }
}
