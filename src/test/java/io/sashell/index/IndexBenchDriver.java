package io.sashell.index;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import io.sashell.analysis.GcPaths;
import io.sashell.analysis.InboundRefs;
import io.sashell.core.ElfCore;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaHeapMetadata;
import io.sashell.sa.SaSession;
import io.sashell.sa.TestRoots;

/**
 * A development measure of the index on a big core, in one JVM of the core's JDK: build time by phase, peak
 * RSS, query latencies (median of 100 random objects). Not a test; {@code bench/index.sh} measures the shell.
 *
 * <pre>
 * IndexBenchDriver JAVA_EXE CORE INDEX_DIR
 * </pre>
 */
public final class IndexBenchDriver {
    private IndexBenchDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path javaExe = Path.of(args[0]);
        Path core = Path.of(args[1]);
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        PrintStream o = System.out;
        try (SaSession session = SaSession.attach(javaExe, core); ElfCore elf = ElfCore.open(core)) {
            SaHeapMetadata md = SaHeapMetadata.ofAttachedVm();
            long r0 = System.nanoTime();
            RootSet roots = TestRoots.enumerate();
            o.printf("roots %d in %d ms, rss %d MB (anon %d MB, file %d MB)%n", roots.roots().size(), ms(r0),
                    rssMb("VmHWM"), rssMb("RssAnon"), rssMb("RssFile"));
            CoreIdentity identity = CoreIdentity.of(elf);
            long t0 = System.nanoTime();
            IndexStore.Opened opened = IndexStore.in(dir).open(identity, elf.memory(),
                    () -> new HeapIndexBuilder.Inputs(identity, elf.memory(), md.layout(), md::klass, roots),
                    new IndexProgress() {
                        String phase = "";

                        @Override
                        public void progress(String name, long done, long total) {
                            if (!name.equals(phase)) {
                                phase = name;
                                o.printf("  %6d ms (cpu %6d ms) %s (rss %d MB)%n", ms(t0), cpuMs(), name,
                                        rssMb("VmRSS"));
                            }
                        }
                    }, 2);
            HeapIndex index = opened.index();
            o.printf("cpu at the end of the build %d ms%n", cpuMs());
            o.printf("built=%s in %d ms: %d objects, %d edges, %d weak, %d roots, file %d MB%n", opened.built(),
                    ms(t0), index.objectCount(), index.edgeCount(), index.weakEdgeCount(), index.roots().size(),
                    Files.size(index.file().orElseThrow()) >> 20);
            o.printf("peak rss %d MB, now %d MB (anon %d MB, file %d MB)%n", rssMb("VmHWM"), rssMb("VmRSS"),
                    rssMb("RssAnon"), rssMb("RssFile"));
            for (String p : index.problems()) {
                o.println("problem " + p);
            }
            if (Boolean.getBoolean("bench.buildOnly")) {
                index.close();
                return;
            }
            Random random = new Random(42);
            for (String q : new String[] {"refs", "path", "refs", "path"}) {
                long[] times = new long[100];
                for (int i = 0; i < times.length; i++) {
                    int id = random.nextInt(index.objectCount());
                    long a = System.nanoTime();
                    if (q.equals("refs")) {
                        InboundRefs.of(index, id, 50);
                    } else {
                        GcPaths.find(index, id, false, false, -1);
                    }
                    times[i] = System.nanoTime() - a;
                }
                Arrays.sort(times);
                o.printf("%s: median %.2f ms, p90 %.2f ms, max %.2f ms%n", q, times[50] / 1e6, times[90] / 1e6,
                        times[99] / 1e6);
            }
            index.close();
        }
    }

    /** CPU time of every thread of this process so far. */
    private static long cpuMs() {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1_000_000;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long rssMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
