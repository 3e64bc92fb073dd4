package io.sashell.jfr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.unit.UnitLookup;

/** Builds {@link JfrSummary}. Cost: one pass over the type iterables, a few small event types read. */
public final class Summaries {
    private Summaries() {
    }

    public static JfrSummary of(JfrRecording r) {
        Map<String, Long> bytes = new HashMap<>();
        Map<String, Long> framed = new LinkedHashMap<>();
        long metaCount = 0;
        long metaBytes = 0;
        long cpCount = 0;
        long cpBytes = 0;
        boolean sizesKnown = !r.scans().isEmpty();
        long fileBytes = 0;
        int chunks = 0;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long duration = 0;
        String version = "";
        for (ChunkScan s : r.scans()) {
            fileBytes += s.fileBytes();
            sizesKnown &= s.framingKnown();
            chunks += s.chunks().size();
            if (version.isEmpty() && s.major() > 0) {
                version = s.major() + "." + s.minor();
            }
            for (ChunkScan.TypeBytes t : s.types()) {
                bytes.merge(t.name(), t.bytes(), Long::sum);
                framed.merge(t.name(), t.count(), Long::sum);
            }
            metaCount += s.metadata().count();
            metaBytes += s.metadata().bytes();
            cpCount += s.checkpoints().count();
            cpBytes += s.checkpoints().bytes();
            for (ChunkScan.Chunk c : s.chunks()) {
                start = Math.min(start, c.startNanos());
                end = Math.max(end, c.startNanos() + c.durationNanos());
                duration += c.durationNanos();
            }
        }
        Map<String, long[]> jmc = new LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (IItemIterable it : r.events()) {
            String id = it.getType().getIdentifier();
            jmc.computeIfAbsent(id, k -> new long[1])[0] += it.getItemCount();
            labels.putIfAbsent(id, it.getType().getName());
        }
        // Counts from the framing where it was read (the JDK's counts), else JMC's.
        Map<String, Long> counts = new LinkedHashMap<>();
        if (sizesKnown) {
            counts.putAll(framed);
        }
        jmc.forEach((id, n) -> counts.putIfAbsent(id, n[0]));
        List<JfrSummary.EventCount> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            long n = e.getValue();
            if (n == 0) {
                continue;
            }
            total += n;
            long read = jmc.containsKey(e.getKey()) ? jmc.get(e.getKey())[0] : 0;
            rows.add(new JfrSummary.EventCount(e.getKey(), labels.getOrDefault(e.getKey(), ""), n,
                    sizesKnown ? bytes.getOrDefault(e.getKey(), -1L) : -1L, read));
        }
        rows.sort(Comparator.comparingLong(JfrSummary.EventCount::count).reversed()
                .thenComparing(JfrSummary.EventCount::type));
        if (start == Long.MAX_VALUE) {
            // Compressed files: no chunk headers read, so the span comes from the events.
            long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
            for (IItemIterable it : r.events()) {
                Items.Event e = new Items.Event(it);
                for (var item : it) {
                    e.item(item);
                    span[0] = Math.min(span[0], e.startNanos());
                    span[1] = Math.max(span[1], e.endNanos());
                }
            }
            start = span[0] == Long.MAX_VALUE ? 0 : span[0];
            duration = span[1] == Long.MIN_VALUE ? 0 : span[1] - start;
        }
        List<String> files = new ArrayList<>();
        r.files().forEach(f -> files.add(f.toString()));
        return new JfrSummary(files, version, chunks, fileBytes, start, duration, rows, total,
                new ChunkScan.TypeBytes("metadata", metaCount, sizesKnown ? metaBytes : -1),
                new ChunkScan.TypeBytes("checkpoint", cpCount, sizesKnown ? cpBytes : -1), jvm(r), host(r),
                collectors(r), maxHeap(r), first(r, "jdk.DumpReason", "reason"), first(r, "jdk.Shutdown", "reason"),
                r.damage(), r.loadNanos());
    }

    private static JfrSummary.Jvm jvm(JfrRecording r) {
        JfrSummary.Jvm[] out = {new JfrSummary.Jvm("", "", "", "", -1, -1)};
        Items.forEach(r.events(), e -> {
            long pid = -1;
            try {
                pid = Long.parseLong(e.text("pid").trim());
            } catch (NumberFormatException ex) {
                // pid is recorded as a string; a missing one stays -1
            }
            out[0] = new JfrSummary.Jvm(e.text("jvmName"), e.text("jvmVersion"), e.text("jvmArguments"),
                    e.text("javaArguments"), pid, e.quantity("jvmStartTime", UnitLookup.EPOCH_MS, -1));
        }, "jdk.JVMInformation");
        return out[0];
    }

    private static JfrSummary.Host host(JfrRecording r) {
        String[] os = {""};
        Items.forEach(r.events(), e -> os[0] = prettyOs(e.text("osVersion")), "jdk.OSInformation");
        String[] cpu = {""};
        long[] cores = {-1, -1};
        Items.forEach(r.events(), e -> {
            cpu[0] = e.text("cpu");
            cores[0] = e.number("cores");
            cores[1] = e.number("hwThreads");
        }, "jdk.CPUInformation");
        long[] memory = {-1};
        Items.forEach(r.events(), e -> memory[0] = e.bytes("totalSize"), "jdk.PhysicalMemory");
        return new JfrSummary.Host(os[0], cpu[0], cores[0], cores[1], memory[0]);
    }

    /** Linux records /etc/os-release whole: its PRETTY_NAME is the name people know. */
    static String prettyOs(String osVersion) {
        for (String line : osVersion.split("\\R")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "").strip();
            }
        }
        String[] lines = osVersion.strip().split("\\R");
        return lines.length == 0 ? "" : lines[0].strip();
    }

    static String collectors(JfrRecording r) {
        String[] out = {""};
        Items.forEach(r.events(), e -> out[0] = e.text("youngCollector") + " / " + e.text("oldCollector"),
                "jdk.GCConfiguration");
        return out[0];
    }

    /** The maximum heap: {@code jdk.GCHeapConfiguration}, else the reserved heap of a heap summary; -1 if neither. */
    static long maxHeap(JfrRecording r) {
        long[] max = {-1};
        Items.forEach(r.events(), e -> max[0] = Math.max(max[0], e.bytes("maxSize")), "jdk.GCHeapConfiguration");
        if (max[0] <= 0) {
            Items.forEach(r.events(), e -> max[0] = Math.max(max[0], e.bytes("heapSpace:reservedSize")),
                    "jdk.GCHeapSummary");
        }
        return max[0];
    }

    private static String first(JfrRecording r, String type, String field) {
        String[] out = {""};
        Items.forEach(r.events(), e -> {
            if (out[0].isEmpty()) {
                out[0] = e.text(field);
            }
        }, type);
        return out[0];
    }
}
