import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A ZGC heap with objects on small, medium and large pages: {@value #NODES} {@code Node}s (each with an
 * {@code int[]} of its own), {@value #MEDIUM} {@code byte[300_000]} (over the 256 KB small-object limit: medium
 * pages) and {@value #LARGE} {@code long[1_000_000]} (8 MB: large pages). After a full collection it takes the
 * JVM's own histogram of all objects ({@code jcmd PID GC.class_histogram -all}) into {@code jcmd-histo.txt} in
 * the working directory, then {@code ready} is printed (by the helper shell) and the JVM parks until killed.
 * With the argument {@code empty} it allocates none of its own objects: the heap holds what the JDK made.
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
        // All allocation happens in setup(), whose frame is gone by the collection: on ZGC jcmd's histogram
        // sees reachable objects only, so no garbage may be left for the walk to count.
        setup(args.length > 0 && args[0].equals("empty"));
        System.gc();
        System.gc();
        // park(), not sleep(): Thread.sleep allocates an event object.
        while (true) {
            LockSupport.park();
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
