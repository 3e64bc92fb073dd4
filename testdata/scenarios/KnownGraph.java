import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A heap with known facts for sa-shell's tests: exact instance counts of its own classes, one object with
 * known field values, one class loaded by two class loaders, a lambda, and threads in known states.
 * Prints "ready" when everything is in place, then idles until the test aborts it.
 */
public class KnownGraph {
    static final int NODES = 1000;
    static final int PAYLOADS = 500;
    static final int TWINS_PER_LOADER = 7;

    static Node head;
    static final List<Payload> PAYLOAD_LIST = new ArrayList<>();
    static Holder holder;
    static final List<Object> TWINS = new ArrayList<>();
    static Runnable lambda;
    static final Object LOCK = new Object();

    static final class Node {
        final int index;
        Node next;

        Node(int index, Node next) {
            this.index = index;
            this.next = next;
        }
    }

    static final class Payload {
        final byte[] data;
        final String tag;

        Payload(int i) {
            data = new byte[100 + i % 7];
            tag = "payload-" + i;
        }
    }

    static final class Holder {
        int id = 42;
        long big = 1234567890123L;
        double ratio = 2.5;
        boolean flag = true;
        char letter = 'Q';
        String label = new String("needle-in-the-core");
        Integer boxed = Integer.valueOf(7777);
        int[] numbers = {3, 1, 4, 1, 5};
        Node first;
    }

    public static class Twin {
        public long serial;
    }

    public static void main(String[] args) throws Exception {
        for (int i = NODES - 1; i >= 0; i--) {
            head = new Node(i, head);
        }
        for (int i = 0; i < PAYLOADS; i++) {
            PAYLOAD_LIST.add(new Payload(i));
        }
        holder = new Holder();
        holder.first = head;
        URL classes = Path.of(KnownGraph.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toUri().toURL();
        for (int l = 0; l < 2; l++) {
            URLClassLoader loader = new URLClassLoader("twin-loader-" + l, new URL[] {classes}, null);
            Class<?> twin = loader.loadClass("KnownGraph$Twin");
            for (int i = 0; i < TWINS_PER_LOADER; i++) {
                TWINS.add(twin.getDeclaredConstructor().newInstance());
            }
        }
        lambda = () -> System.out.println("never");
        CountDownLatch started = new CountDownLatch(2);
        Thread blocked = new Thread(() -> {
            started.countDown();
            synchronized (LOCK) {
                System.out.println("unreachable");
            }
        }, "worker-blocked");
        Thread sleepy = new Thread(() -> {
            started.countDown();
            sleepForever();
        }, "sleepy-daemon");
        sleepy.setDaemon(true);
        synchronized (LOCK) {
            blocked.start();
            sleepy.start();
            started.await();
            while (blocked.getState() != Thread.State.BLOCKED) {
                Thread.sleep(10);
            }
            System.out.println("ready");
            System.out.flush();
            idle();
        }
    }

    static void idle() {
        sleepForever();
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
