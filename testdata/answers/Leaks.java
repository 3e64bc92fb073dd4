import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Three leaks of known size for sa-shell's retained-size tests. The biggest: a static list holding ITEMS
 * items, each with one payload, of known layout (classes used nowhere else). Then a ThreadLocal of a pool
 * thread named "leaky-pool-1" holding a long[] of 131,072 entries; and a class loader kept by a static registry,
 * whose class holds a byte[] of 196,608 bytes in a static field. Prints "ready", then idles.
 */
public class Leaks {
    static final int ITEMS = 20_000;
    static final List<Item> LEAK = new ArrayList<>();
    static final Map<String, ClassLoader> REGISTRY = new HashMap<>();
    static final ThreadLocal<long[]> LOCAL = new ThreadLocal<>();
    /** 50 distinct Strings of one value (and no literal of it): {@code strings --dups} counts 49 copies wasted. */
    static final String[] COPIES = new String[50];

    static final class Item {
        final int index;
        final Payload payload;

        Item(int index) {
            this.index = index;
            this.payload = new Payload(index);
        }
    }

    static final class Payload {
        final long a;
        final long b;
        final int c;

        Payload(int i) {
            a = i;
            b = -i;
            c = i * 3;
        }
    }

    /** Loaded by its own loader; its static field keeps a buffer. */
    public static class Plugin {
        public static byte[] buffer = new byte[196_608];
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < COPIES.length; i++) {
            COPIES[i] = new String(new char[] {'d', 'u', 'p', '-', 'm', 'e', '-', 'p', 'l', 'e', 'a', 's', 'e'});
        }
        for (int i = 0; i < ITEMS; i++) {
            LEAK.add(new Item(i));
        }
        URL classes = Path.of(Leaks.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri()
                .toURL();
        ClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
        Class<?> plugin = Class.forName("Leaks$Plugin", true, loader);
        REGISTRY.put("plugin", loader);
        plugin = null;
        loader = null;

        CountDownLatch set = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(1, r -> new Thread(r, "leaky-pool-1"));
        pool.submit(() -> {
            LOCAL.set(new long[131_072]);
            set.countDown();
        });
        set.await();
        System.gc();
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
