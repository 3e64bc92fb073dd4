import java.util.ArrayList;
import java.util.List;

/**
 * A program that leaks the same way at every moment: it keeps N records (the first argument) in a static list,
 * each of one class used nowhere else, then prints "ready" and idles. Cores of a run with N and of one with 2N
 * stand for two cores of one leaking process taken over time: {@code diff} must show exactly N more records.
 */
public class Growth {
    static final List<Record> KEPT = new ArrayList<>();

    static final class Record {
        final long a;
        final long b;
        final long c;
        final long d;

        Record(long i) {
            a = i;
            b = i + 1;
            c = i + 2;
            d = i + 3;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        for (int i = 0; i < n; i++) {
            KEPT.add(new Record(i));
        }
        System.gc();
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
