import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A heap graph with known facts for the index tests; each fact has a class of its own so that the tests find
 * its objects by class:
 * <ul>
 * <li>a {@code Target3} held by exactly three fields: {@code HOLDER.first}, {@code HOLDER.second},
 * {@code PAIR.ref};</li>
 * <li>an {@code InArray} in slot 17 of the static {@code SLOTS} array;</li>
 * <li>a {@code Listed} at index 5 of the static list {@code REGISTRY} (an ArrayList);</li>
 * <li>three {@code Cyclic} objects in a cycle, held by the static {@code CYCLE};</li>
 * <li>a {@code WeaklyHeld} held only by the WeakReference in the static {@code WEAK};</li>
 * <li>a {@code LocalOnly} held only by a local variable of the sleeping thread "holder-thread";</li>
 * <li>two {@code Garbage} objects, one holding the other, that nothing reachable holds.</li>
 * </ul>
 * Prints "weak-alive true" when no collection cleared the weak reference, then "ready", and sleeps until the
 * test aborts it.
 */
public class IndexScenario {
    static final class Target3 {
    }

    static final class Holder {
        Object first;
        Object second;
        Object third;
    }

    static final class Pair {
        Object ref;
    }

    static final class InArray {
    }

    static final class Listed {
    }

    static final class Cyclic {
        Cyclic next;
    }

    static final class WeaklyHeld {
    }

    static final class LocalOnly {
        final long stamp = System.nanoTime();
    }

    static final class Garbage {
        Garbage next;
    }

    static final Holder HOLDER = new Holder();
    static final Pair PAIR = new Pair();
    static final Object[] SLOTS = new Object[32];
    static final List<Object> REGISTRY = new ArrayList<>();
    static Cyclic CYCLE;
    static WeakReference<WeaklyHeld> WEAK;

    public static void main(String[] args) throws Exception {
        build();
        CountDownLatch holding = new CountDownLatch(1);
        Thread t = new Thread(() -> holdLocally(holding), "holder-thread");
        t.setDaemon(true);
        t.start();
        holding.await();
        makeGarbage();
        System.out.println("weak-alive " + (WEAK.get() != null));
        System.out.println("ready");
        System.out.flush();
        sleepForever();
    }

    /** In a method of its own, so that no local variable of main keeps any of it. */
    static void build() {
        Target3 target = new Target3();
        HOLDER.first = target;
        HOLDER.second = target;
        PAIR.ref = target;
        SLOTS[17] = new InArray();
        for (int i = 0; i < 5; i++) {
            REGISTRY.add("entry-" + i);
        }
        REGISTRY.add(new Listed());
        Cyclic a = new Cyclic();
        Cyclic b = new Cyclic();
        Cyclic c = new Cyclic();
        a.next = b;
        b.next = c;
        c.next = a;
        CYCLE = a;
        WEAK = new WeakReference<>(new WeaklyHeld());
    }

    static void makeGarbage() {
        Garbage g = new Garbage();
        g.next = new Garbage();
    }

    static void holdLocally(CountDownLatch holding) {
        LocalOnly mine = new LocalOnly();
        holding.countDown();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                break;
            }
        }
        System.out.println(mine.stamp);
    }

    static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
