import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A ZGC heap with objects on small, medium and large pages: {@value #NODES} {@code Node}s (each with an
 * {@code int[]} of its own), {@value #MEDIUM} {@code byte[300_000]} (over the 256 KB small-object limit: medium
 * pages) and {@value #LARGE} {@code long[1_000_000]} (8 MB: large pages). After a full collection it takes the
 * JVM's own histogram of all objects ({@code jcmd PID GC.class_histogram -all}) into {@code jcmd-histo.txt} in
 * the working directory, then {@code ready} is printed (by the helper shell) and the JVM parks until killed.
 * With the argument {@code empty} it allocates none of its own objects: the heap holds what the JDK made. With
 * {@code mixed} it also runs {@link Mixed}: a thread pool, lambdas, weak and soft references, reflection, a class
 * loader, a parked thread holding a local, and 50 futures only a local of {@code main} holds.
 */
public class ZgcScenario {

    static final int NODES = 50_000;
    static final int MEDIUM = 12;
    static final int LARGE = 2;

    static final class Node {
        final int id;
        final int[] data;
        Node next;

        Node(int id) {
            this.id = id;
            this.data = new int[id % 7];
        }
    }

    static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        // Held by main's frame only; the string concatenation (invokedynamic) makes it a frame SA 25 cannot
        // parse, whose locals a conservative scan finds.
        List<Object> held = mode.equals("mixed") ? Mixed.run() : List.of();
        String label = "held: " + held.size();
        // All other allocation happens in setup(), whose frame is gone by the collection: on ZGC jcmd's
        // histogram sees reachable objects only, so no garbage may be left for the walk to count.
        setup(mode.equals("empty"));
        System.gc();
        System.gc();
        // park(), not sleep(): Thread.sleep allocates an event object.
        while (label != null && held != null) {
            LockSupport.park();
        }
    }

    /** Objects the JDK's machinery keeps in many ways (pools, lambdas, references, reflection, loaders). */
    static final class Mixed {
        static final Map<Object, String> WEAK = new WeakHashMap<>();

        static List<Object> run() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Object> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                futures.add(pool.submit(() -> "task" + n + ":" + IntStream.range(0, n)
                        .mapToObj(Integer::toString).collect(Collectors.joining(","))));
            }
            for (Object f : futures) {
                KEEP.add(((Future<?>) f).get());
            }
            KEEP.add(pool);
            for (int i = 0; i < 2000; i++) {
                Object k = new int[i % 13];
                WEAK.put(k, "v" + i);
                if (i % 3 == 0) {
                    KEEP.add(k);
                }
            }
            KEEP.add(new SoftReference<>(new byte[100_000]));
            KEEP.add(new WeakReference<>(new StringBuilder("weakly held")));
            for (Method m : String.class.getDeclaredMethods()) {
                KEEP.add(m.getName());
            }
            Function<Integer, Integer> twice = x -> x * 2;
            KEEP.add(twice);
            KEEP.add(new URLClassLoader(new URL[0], null));
            KEEP.add(String.format("%d-%s", 42, "fmt"));
            Thread parker = new Thread(() -> {
                Object local = new long[1234];
                while (local != null) {
                    LockSupport.park();
                }
            }, "parker");
            parker.setDaemon(true);
            parker.start();
            return futures;
        }
    }

    static void setup(boolean empty) throws Exception {
        if (!empty) {
            objects();
        }
        histogramThenReady();
    }

    static void objects() {
        Node head = null;
        for (int i = 0; i < NODES; i++) {
            Node n = new Node(i);
            n.next = head;
            head = n;
        }
        KEEP.add(head);
        for (int i = 0; i < MEDIUM; i++) {
            byte[] b = new byte[300_000];
            b[0] = (byte) i;
            KEEP.add(b);
        }
        for (int i = 0; i < LARGE; i++) {
            long[] l = new long[1_000_000];
            l[0] = i;
            KEEP.add(l);
        }
        for (int i = 0; i < 20_000; i++) {
            KEEP.add("s" + i);
        }
    }

    static void histogramThenReady() throws Exception {
        // The JVM's own histogram is taken by a shell started now, a few seconds later, while this thread sleeps:
        // on ZGC jcmd sees reachable objects only, so the garbage of starting the shell is collected first
        // and nothing is allocated between the histogram and the abort. The shell prints "ready" (the signal
        // to abort) and then lingers, detached from the output, until this JVM is gone.
        long pid = ProcessHandle.current().pid();
        String jcmd = System.getProperty("java.home") + "/bin/jcmd";
        // The first attach starts the VM's attach listener, which leaves garbage: a collection (GC.run)
        // clears it before the histogram.
        String j = "'" + jcmd + "' " + pid;
        String script = "sleep 2; " + j + " VM.version >/dev/null 2>&1; " + j + " GC.run >/dev/null 2>&1; "
                + j + " GC.class_histogram -all > jcmd-histo.txt 2>&1; "
                + "echo ready; exec sh -c 'while kill -0 " + pid + " 2>/dev/null; do sleep 0.2; done' "
                + ">/dev/null 2>&1";
        KEEP.add(new ProcessBuilder("sh", "-c", script).inheritIO().start());
        // Load what main() uses after the collection now, so no class loading leaves garbage after it.
        LockSupport.parkNanos(1_000);
    }
}
