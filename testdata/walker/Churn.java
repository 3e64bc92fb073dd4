import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A program caught at a random moment of its work: several threads allocate objects and arrays of random
 * sizes as fast as they can (TLABs half filled, objects whose header is written but not yet their fields,
 * young collections in progress), keeping a random part of them for a while so that some are promoted. After a
 * delay that depends on the seed it prints {@code ready}; the test aborts it at once, while the threads still
 * allocate. Arrays stay far below half a G1 region (no humongous objects: SA walks those wrongly, which
 * {@code HumongousFake} shows on its own).
 *
 * Args: seed [threads]
 */
public class Churn {

    static final class Node {
        final long id;
        final Node next;
        final Object payload;
        int hits;

        Node(long id, Node next, Object payload) {
            this.id = id;
            this.next = next;
            this.payload = payload;
        }
    }

    static final class Wide {
        long a;
        long b;
        long c;
        long d;
        Object e;
        Object f;
        String g;

        Wide(long v, Object o) {
            a = v;
            b = v * 3;
            c = v ^ 0x5555;
            d = -v;
            e = o;
            f = this;
            g = Long.toString(v);
        }
    }

    static final AtomicLong ALLOCATED = new AtomicLong();

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int t = 0; t < threads; t++) {
            long threadSeed = seed * 31 + t;
            Thread worker = new Thread(() -> allocate(new Random(threadSeed)), "churn-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        Random r = new Random(seed);
        Thread.sleep(300 + r.nextInt(1200));
        System.out.println("allocated " + ALLOCATED.get());
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static void allocate(Random r) {
        Object[] kept = new Object[4096 + r.nextInt(4096)];
        List<Object> longLived = new ArrayList<>();
        Node chain = null;
        long n = 0;
        while (true) {
            Object o = switch (r.nextInt(8)) {
                case 0 -> new Node(n, chain, null);
                case 1 -> new Wide(n, chain);
                case 2 -> new byte[r.nextInt(3000)];
                case 3 -> new long[r.nextInt(700)];
                case 4 -> new Object[r.nextInt(400)];
                case 5 -> "s" + n;
                case 6 -> new int[r.nextInt(20)][r.nextInt(5)];
                default -> new Object();
            };
            if (o instanceof Node node) {
                chain = (n & 255) == 0 ? null : node;
            }
            kept[r.nextInt(kept.length)] = o;
            if ((n & 0x3FFF) == 0) {
                longLived.add(o);
                if (longLived.size() > 2000) {
                    longLived.subList(0, 1000).clear();
                }
            }
            if ((++n & 0xFFF) == 0) {
                ALLOCATED.addAndGet(0x1000);
            }
        }
    }
}
