import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The JVM's own figures for its native spaces, printed just before the abort so that sa-shell's {@code memory}
 * can be compared with them: the Metaspace pool (metaspace and class space together), the Compressed Class
 * Space pool, and the code heaps' pools. Run interpreted (-Xint) so that nothing compiles or grows between the
 * last reading and the abort. Prints {@code spaces NAME used committed max} lines, then "ready", then idles.
 */
public class NativeSpaces {
    static final List<Supplier<String>> KEPT = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // Some classes of our own (lambdas are hidden classes with their Klass in class space).
        for (int i = 0; i < 50; i++) {
            int k = i;
            KEPT.add(() -> "s" + k);
        }
        // What runs after the last reading runs once before it, so that it loads no class afterwards (JDK 25's
        // Thread.sleep and printing load some on first use).
        Thread.sleep(1);
        System.out.println("warming up");
        System.out.flush();
        List<String> lines = read();
        for (int round = 0; round < 10; round++) {
            List<String> again = read();
            if (again.equals(lines)) {
                break;
            }
            lines = again;
        }
        for (String l : lines) {
            System.out.println(l);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static List<String> read() {
        List<String> out = new ArrayList<>();
        long codeMax = 0;
        long codeCommitted = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = p.getUsage();
            if (p.getName().equals("Metaspace")) {
                out.add("spaces metaspace+class " + u.getUsed() + " " + u.getCommitted() + " " + u.getMax());
            } else if (p.getName().equals("Compressed Class Space")) {
                out.add("spaces class " + u.getUsed() + " " + u.getCommitted() + " " + u.getMax());
            } else if (p.getName().startsWith("CodeHeap") || p.getName().equals("CodeCache")) {
                codeMax += u.getMax();
                codeCommitted += u.getCommitted();
            }
        }
        out.add("spaces code -1 " + codeCommitted + " " + codeMax);
        return out;
    }
}
