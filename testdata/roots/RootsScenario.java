import java.lang.ref.Reference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Objects with known GC roots for sa-shell's root tests. Each marker class has one instance, held by exactly
 * one kind of root: a local variable of a sleeping thread, a JNI global reference, a JNI local reference of a
 * thread parked in native code, a monitor held by a thread (uncontended, contended, waited on), a local of a
 * frame whose method contains invokedynamic, a local of a thread spinning in compiled code at the crash, a
 * local of a compiled frame at a call. {@code -Droots.jni=PATH} names the JNI library (testdata/roots/roots_jni.c);
 * run with {@code -Xbatch -XX:CompileCommand=dontinline,RootsScenario::*Holding} so that the compiled frame is
 * compiled by the time it parks. Prints "ready", then idles.
 */
public class RootsScenario {
    static final class LocalOnly {
        final String tag = "local-only";
    }

    static final class JniGlobalOnly {
    }

    static final class JniWeakOnly {
    }

    static final class JniLocalOnly {
    }

    static final class StackLock {
    }

    static final class ContendedLock {
    }

    static final class WaitedLock {
    }

    static final class IndyLocal {
    }

    static final class SpinLocal {
        long value;
    }

    static final class CompiledLocal {
        final int value;

        CompiledLocal(int value) {
            this.value = value;
        }
    }

    static final CountDownLatch READY = new CountDownLatch(8);
    static final AtomicLong SPINS = new AtomicLong();
    static ContendedLock contended = new ContendedLock();
    static WaitedLock waited = new WaitedLock();

    static native void holdGlobal(Object o);

    static native void holdWeak(Object o);

    static native void parkWithLocal();

    static void nativeReady() {
        READY.countDown();
    }

    static void holdLocal() {
        LocalOnly only = new LocalOnly();
        READY.countDown();
        sleepForever();
        Reference.reachabilityFence(only);
    }

    static void holdStackLock() {
        StackLock lock = new StackLock();
        synchronized (lock) {
            READY.countDown();
            sleepForever();
        }
    }

    static void ownContended() {
        synchronized (contended) {
            READY.countDown();
            sleepForever();
        }
    }

    static void enterContended() {
        synchronized (contended) {
            READY.countDown();
        }
    }

    static void waitOn() {
        synchronized (waited) {
            READY.countDown();
            try {
                waited.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void holdIndyLocal() {
        IndyLocal only = new IndyLocal();
        String text = "indy " + System.nanoTime();
        READY.countDown();
        sleepForever();
        Reference.reachabilityFence(only);
        System.out.println(text);
    }

    static void spin() {
        SpinLocal only = new SpinLocal();
        READY.countDown();
        spinOn(only);
        Reference.reachabilityFence(only);
    }

    static final Object WARM_UP = new Object();

    /** Warms holdCompiled up until compiled (run with -Xbatch), then parks in it. */
    static void holdInCompiledFrame() {
        long sum = 0;
        for (int i = 0; i < 200_000; i++) {
            sum += holdCompiled(false);
        }
        sum += holdCompiled(true);
        System.out.println(sum);
    }

    /** Compiled: the object stays live across the call, so the call site's OopMap holds it. */
    static int holdCompiled(boolean park) {
        Object only = makeHolding(park);
        parkHolding(only, park);
        return only == WARM_UP ? 0 : 1;
    }

    /** Never inlined: the one CompiledLocal is made here, so the compiled caller has no untaken branch. */
    static Object makeHolding(boolean park) {
        return park ? new CompiledLocal(1) : WARM_UP;
    }

    /** Never inlined: the compiled caller's oop map, not this frame, is what holds the object at the crash. */
    static void parkHolding(Object o, boolean park) {
        if (park) {
            READY.countDown();
            sleepForever();
        }
    }

    static long spinOn(SpinLocal s) {
        while (true) {
            s.value++;
            if ((s.value & 0xFFFFF) == 0) {
                SPINS.lazySet(s.value);
            }
        }
    }

    static void sleepForever() {
        try {
            while (true) {
                Thread.sleep(60_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        System.load(System.getProperty("roots.jni"));
        holdGlobal(new JniGlobalOnly());
        holdWeak(new JniWeakOnly());
        start("local-holder", RootsScenario::holdLocal);
        start("jni-local", RootsScenario::parkWithLocal);
        start("monitor-holder", RootsScenario::holdStackLock);
        start("contended-owner", RootsScenario::ownContended);
        Thread waiter = start("waiter", RootsScenario::waitOn);
        start("indy-holder", RootsScenario::holdIndyLocal);
        start("spinner", RootsScenario::spin);
        start("compiled-holder", RootsScenario::holdInCompiledFrame);
        READY.await();
        Thread blocked = start("contended-waiter", RootsScenario::enterContended);
        while (blocked.getState() != Thread.State.BLOCKED || waiter.getState() != Thread.State.WAITING
                || SPINS.get() < 50_000_000L) {
            Thread.sleep(10);
        }
        System.out.println("ready");
        sleepForever();
    }

    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
