package io.sashell.sa;

import sun.jvm.hotspot.runtime.JavaThread;

/** A Java thread as the root walks name it: SA's thread, its Java name, its java.lang.Thread and OS thread id. */
record SaRootThread(JavaThread thread, String name, long threadObject, long osThreadId) {
}
