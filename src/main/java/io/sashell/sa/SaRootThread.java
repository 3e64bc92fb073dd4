package io.sashell.sa;

import sun.jvm.hotspot.runtime.JavaThread;

/**
 * A Java thread as the root walks name it: SA's thread, its Java name, its java.lang.Thread, OS thread id, stack
 * bounds [stackLow, stackBase) (0 when unreadable) and monitor owner id (JDK 21+; -1 before).
 */
record SaRootThread(JavaThread thread, String name, long threadObject, long osThreadId, long stackLow,
                    long stackBase, long ownerId) {
    /** True when {@code address} lies on this thread's stack (a stack lock's owner on JDK 17). */
    boolean onStack(long address) {
        return stackLow < address && address < stackBase;
    }
}
