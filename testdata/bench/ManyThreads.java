import java.util.concurrent.CountDownLatch;

/**
 * A JVM with as many threads as a busy application server: 400 threads, each 25 calls deep (interpreted and
 * compiled frames, a local array held in every frame) and then asleep; prints "threads N" and "ready", then idles
 * until aborted. The benchmark of what sa-shell pays per thread and frame (bench/threads.sh).
 */
public class ManyThreads {
    static final int THREADS = 400;
    static final int DEPTH = 25;
    static final CountDownLatch STARTED = new CountDownLatch(THREADS);

    static void deep(int n, Object held) throws InterruptedException {
        if (n == 0) {
            STARTED.countDown();
            Thread.sleep(Long.MAX_VALUE);
            return;
        }
        Object local = new int[n];
        deep(n - 1, local);
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                try {
                    deep(DEPTH, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        STARTED.await();
        System.out.println("threads " + Thread.activeCount());
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
