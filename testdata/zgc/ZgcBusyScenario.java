import java.util.concurrent.ThreadLocalRandom;

/**
 * ZGC kept busy: {@value #HELD} {@code Held} objects are made once and held to the end, while two threads
 * allocate garbage non-stop so collections (and relocations of the held objects, young to old) run all the
 * time. Prints {@code ready} after a random 0.3 to 2 s of that, so the abort lands at a random moment of a
 * collection cycle; keeps allocating until killed.
 */
public class ZgcBusyScenario {

    static final int HELD = 20_000;

    static final class Held {
        final int id;
        final byte[] small;

        Held(int id) {
            this.id = id;
            this.small = new byte[id % 50];
        }
    }

    static final Held[] KEEP = new Held[HELD];
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < HELD; i++) {
            KEEP[i] = new Held(i);
        }
        for (int t = 0; t < 2; t++) {
            Thread churn = new Thread(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                Object[] window = new Object[4096];
                for (long n = 0; ; n++) {
                    window[(int) (n & 4095)] = new byte[r.nextInt(16, 4096)];
                    if ((n & 1023) == 0) {
                        sink = window.clone();
                    }
                }
            });
            churn.setDaemon(true);
            churn.start();
        }
        Thread.sleep(ThreadLocalRandom.current().nextLong(300, 2000));
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
