import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A virtual thread parked with an object in a local variable (JDK 21+): unmounted, its frames are in a
 * {@code jdk.internal.vm.StackChunk} on the heap, and the {@code VtLocal} is held by nothing else. Prints "ready"
 * once the thread is parked, then sleeps until the test aborts it.
 */
public class VirtualThreadScenario {
    static final class VtLocal {
        final long stamp = System.nanoTime();
    }

    static final List<Thread> THREADS = new ArrayList<>();
    static volatile boolean release;

    static void holdLocally(CountDownLatch parked) {
        VtLocal mine = new VtLocal();
        parked.countDown();
        while (!release) {
            LockSupport.park();
        }
        System.out.println(mine.stamp);
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        THREADS.add(Thread.ofVirtual().name("vt-holder").start(() -> holdLocally(parked)));
        parked.await();
        while (THREADS.get(0).getState() != Thread.State.WAITING) {
            Thread.sleep(10);
        }
        System.out.println("ready");
        System.out.flush();
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
