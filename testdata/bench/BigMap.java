import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark heap: a map of 1M entries of several objects each (about 8M objects), held by a static.
 * Prints "ready" once built, then idles until aborted.
 */
public class BigMap {
    static final Map<Long, Entry> MAP = new HashMap<>();

    record Entry(String name, byte[] payload, List<Double> scores) {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        for (long i = 0; i < n; i++) {
            List<Double> scores = new ArrayList<>(1);
            scores.add((double) i);
            MAP.put(i + 1_000_000L, new Entry("entry-" + i, new byte[(int) (i % 16)], scores));
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
