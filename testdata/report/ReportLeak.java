import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A leak for sa-shell's HTML report tests, with secrets in it. A static cache owned by a named user (the first
 * argument: a secret String field of the cache object) keeps ENTRIES entries of 64-byte payloads in an
 * ArrayList; a thread named by the second argument (a secret too) keeps a long[] of 131,072 entries in a
 * ThreadLocal. Collects a few times (so that a Flight Recorder recording has a trend), prints "ready", idles.
 */
public class ReportLeak {
    static final int ENTRIES = 20_000;
    static Cache cache;
    static final ThreadLocal<long[]> LOCAL = new ThreadLocal<>();

    static final class Cache {
        final String owner;
        final List<Entry> entries = new ArrayList<>();

        Cache(String owner) {
            this.owner = owner;
        }
    }

    static final class Entry {
        final int index;
        final byte[] payload = new byte[64];

        Entry(int index) {
            this.index = index;
        }
    }

    public static void main(String[] args) throws Exception {
        cache = new Cache(new String(args[0].toCharArray()));
        CountDownLatch set = new CountDownLatch(1);
        Thread keeper = new Thread(() -> {
            LOCAL.set(new long[131_072]);
            set.countDown();
            idle();
        }, args[1]);
        keeper.setDaemon(true);
        keeper.start();
        set.await();
        for (int round = 0; round < 4; round++) {
            for (int i = round * ENTRIES / 4; i < (round + 1) * ENTRIES / 4; i++) {
                cache.entries.add(new Entry(i));
            }
            System.gc();
            Thread.sleep(400);
        }
        // Flight Recorder flushes its repository about once a second: let the last collections reach the disk.
        Thread.sleep(1500);
        System.out.println("ready");
        System.out.flush();
        idle();
    }

    static void idle() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
