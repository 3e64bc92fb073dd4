package io.sashell.jfr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCStackTrace;

/** Builds {@link HotMethodsReport} from {@code jdk.ExecutionSample}. Cost: one pass over the samples. */
public final class ExecutionSamples {
    static final String TYPE = "jdk.ExecutionSample";
    static final String NATIVE = "jdk.NativeMethodSample";

    private ExecutionSamples() {
    }

    public static HotMethodsReport of(JfrRecording r, int limit) {
        Map<String, long[]> methods = new HashMap<>();
        Map<String, Map<String, long[]>> threads = new HashMap<>();
        long[] samples = {0};
        Items.forEach(r.events(), e -> {
            samples[0]++;
            IMCStackTrace st = e.stackTrace();
            String top = "no stack trace";
            if (st != null && !st.getFrames().isEmpty()) {
                top = Items.method(st.getFrames().get(0));
                Set<String> seen = new HashSet<>();
                for (IMCFrame f : st.getFrames()) {
                    String m = Items.method(f);
                    if (seen.add(m)) {
                        methods.computeIfAbsent(m, k -> new long[2])[1]++;
                    }
                }
            }
            methods.computeIfAbsent(top, k -> new long[2])[0]++;
            // JMC exposes the JDK's sampledThread as the event thread.
            String thread = e.text("sampledThread");
            if (thread.isEmpty()) {
                thread = e.text("eventThread");
            }
            threads.computeIfAbsent(thread.isEmpty() ? "unknown thread" : thread, k -> new HashMap<>())
                    .computeIfAbsent(top, k -> new long[1])[0]++;
        }, TYPE);
        List<HotMethodsReport.Method> rows = new ArrayList<>();
        methods.forEach((m, v) -> {
            if (v[0] > 0) {
                rows.add(new HotMethodsReport.Method(m, v[0], v[1]));
            }
        });
        rows.sort(Comparator.comparingLong(HotMethodsReport.Method::self).reversed()
                .thenComparing(Comparator.comparingLong(HotMethodsReport.Method::total).reversed())
                .thenComparing(HotMethodsReport.Method::method));
        List<HotMethodsReport.ThreadSamples> perThread = new ArrayList<>();
        threads.forEach((t, tops) -> {
            long n = 0;
            String best = "";
            long bestN = -1;
            for (Map.Entry<String, long[]> e : tops.entrySet()) {
                n += e.getValue()[0];
                if (e.getValue()[0] > bestN || (e.getValue()[0] == bestN && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestN = e.getValue()[0];
                }
            }
            perThread.add(new HotMethodsReport.ThreadSamples(t, n, best, bestN));
        });
        perThread.sort(Comparator.comparingLong(HotMethodsReport.ThreadSamples::samples).reversed()
                .thenComparing(HotMethodsReport.ThreadSamples::thread));
        return new HotMethodsReport(samples[0], Items.count(r.events(), NATIVE), cut(rows, limit), cut(perThread, limit));
    }

    private static <T> List<T> cut(List<T> rows, int limit) {
        return limit >= 0 && rows.size() > limit ? rows.subList(0, limit) : rows;
    }
}
