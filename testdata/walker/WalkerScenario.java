import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A heap with a bit of everything a walker must size right: instances of many sizes, every primitive array
 * type, multi-dimensional and object arrays, strings, lambdas (hidden classes), one class loaded by three
 * loaders, weak references, objects promoted by collections and fresh ones, and threads parked with
 * half-used TLABs. Prints {@code items N} (instances of {@link Item} it holds), then {@code ready}, then
 * sleeps until killed.
 *
 * Args: [items] [garbage rounds]
 */
public class WalkerScenario {

    static final class Item {
        final int id;
        final String name;
        Object ref;
        long[] payload;

        Item(int id) {
            this.id = id;
            this.name = "item-" + id;
        }
    }

    public static final class Loaded {
        public final Object[] slots = new Object[3];
    }

    static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int garbageRounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;

        List<Item> held = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            Item it = new Item(i);
            if (i % 3 == 0) {
                it.payload = new long[i % 17];
            }
            if (i > 0) {
                it.ref = held.get(i / 2);
            }
            held.add(it);
        }
        KEEP.add(held);

        // Every primitive array type, some empty, and reference arrays of one to three dimensions.
        KEEP.add(new boolean[] {true, false, true});
        KEEP.add(new byte[1000]);
        KEEP.add(new char[] {'a', 'b'});
        KEEP.add(new short[7]);
        KEEP.add(new int[0]);
        KEEP.add(new float[5]);
        KEEP.add(new double[9]);
        KEEP.add(new long[33]);
        KEEP.add(new Object[][] {{"x"}, {1, 2L}});
        KEEP.add(new String[2][3][4]);
        KEEP.add(new int[4][5]);
        KEEP.add(new Item[11]);

        // Hidden classes.
        Supplier<String> s1 = () -> "one";
        IntFunction<String> s2 = i -> "two" + i;
        KEEP.add(s1);
        KEEP.add(s2);

        // One class, three loaders: three klasses of the same name.
        URL here = WalkerScenario.class.getProtectionDomain().getCodeSource().getLocation();
        for (int i = 0; i < 3; i++) {
            URLClassLoader loader = new URLClassLoader("scenario-" + i, new URL[] {here}, null);
            Class<?> c = loader.loadClass("WalkerScenario$Loaded");
            KEEP.add(c.getConstructor().newInstance());
            KEEP.add(loader);
        }

        KEEP.add(new java.lang.ref.WeakReference<>(held.get(0)));
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            map.put("k" + i, i);
        }
        KEEP.add(map);

        // Garbage and collections: old objects, survivors, and free space with stale bytes.
        for (int round = 0; round < garbageRounds; round++) {
            List<Object> junk = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                junk.add(new int[i % 13]);
            }
            junk = null;
            System.gc();
        }

        // Threads that allocate a little and park: their TLABs stay half used.
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        CountDownLatch never = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                List<Object> mine = new ArrayList<>();
                for (int i = 0; i < 100 + id * 50; i++) {
                    mine.add(new StringBuilder("t" + id + "-" + i));
                }
                KEEP.add(mine.size());
                started.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                KEEP.add(mine);
            }, "allocator-" + t);
            th.setDaemon(true);
            th.start();
        }
        started.await();

        // Fresh objects in the young generation after the last collection.
        List<Object> fresh = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            fresh.add(new Object());
        }
        KEEP.add(fresh);

        System.out.println("items " + items);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
