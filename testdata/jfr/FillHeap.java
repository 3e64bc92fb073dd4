import java.util.ArrayList;
import java.util.List;

/**
 * A heap that fills at a steady pace until the JVM dies of OutOfMemoryError, for sa-shell's Flight Recorder
 * tests. Run it with -XX:StartFlightRecording and -XX:+CrashOnOutOfMemoryError: the recording then holds a
 * growing after-GC heap, and allocation samples whose heaviest class by far is {@link Session} (256 bytes
 * each, kept forever), allocated in {@link #handle}, which also makes a quarter as many bytes of garbage.
 * With --stop-when-full it prints "ready" once the heap is nearly full instead (for machines where a core is
 * taken with gcore).
 */
public class FillHeap {
    /** The leak: every session ever opened. */
    static final List<Session> SESSIONS = new ArrayList<>();

    /** 30 longs: 256 bytes with a 12-byte header, so its weight dwarfs everything else the program allocates. */
    static final class Session {
        long f00, f01, f02, f03, f04, f05, f06, f07, f08, f09;
        long f10, f11, f12, f13, f14, f15, f16, f17, f18, f19;
        long f20, f21, f22, f23, f24, f25, f26, f27, f28, f29;

        Session(long id) {
            f00 = id;
        }
    }

    /** The last request body: garbage a moment later, so young collections have something to free. */
    static volatile byte[] lastBody;

    static void handle(long id) {
        lastBody = new byte[48]; // 64 bytes with its header: a quarter of a Session
        SESSIONS.add(new Session(id));
    }

    public static void main(String[] args) throws InterruptedException {
        boolean stopWhenFull = args.length > 0 && args[0].equals("--stop-when-full");
        Runtime rt = Runtime.getRuntime();
        long id = 0;
        // About 5 MB a second kept: a 64 MB heap lasts some ten seconds, long enough for a trend of many GCs.
        while (true) {
            for (int i = 0; i < 2_000; i++) {
                handle(id++);
            }
            if (id % 100_000 == 0) {
                System.out.println("opened " + id + " sessions");
            }
            if (stopWhenFull && rt.totalMemory() - rt.freeMemory() > rt.maxMemory() * 9 / 10) {
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(600_000);
                return;
            }
            Thread.sleep(100);
        }
    }
}
