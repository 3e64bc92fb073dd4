import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Virtual threads parked a few frames deep: each unmounted thread keeps its stack in a
 * {@code jdk.internal.vm.StackChunk} on the heap, an object whose size is its stack's (JDK 21+). Prints
 * {@code items N} (instances of {@link Item} held), {@code threads N} (virtual threads parked), then
 * {@code ready}.
 */
public class ParkedVirtualThreads {

    static final class Item {
        final long id;

        Item(long id) {
            this.id = id;
        }
    }

    static final List<Object> KEEP = new ArrayList<>();
    static volatile boolean release;

    static long deep(int depth, CountDownLatch parked) {
        long[] local = new long[depth + 1];
        if (depth == 0) {
            parked.countDown();
            while (!release) {
                LockSupport.park();
            }
            return local.length;
        }
        return deep(depth - 1, parked) + local.length;
    }

    public static void main(String[] args) throws Exception {
        int threads = 200;
        int items = 3000;
        CountDownLatch parked = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            int depth = 5 + i % 20;
            KEEP.add(Thread.ofVirtual().name("v" + i).start(() -> deep(depth, parked)));
        }
        parked.await();
        for (int i = 0; i < items; i++) {
            KEEP.add(new Item(i));
        }
        System.out.println("items " + items);
        System.out.println("threads " + threads);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
