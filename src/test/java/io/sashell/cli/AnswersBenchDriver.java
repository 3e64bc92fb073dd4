package io.sashell.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sashell.analysis.DominatorTree;
import io.sashell.analysis.HeapGraph;
import io.sashell.analysis.HeapQueries;
import io.sashell.analysis.Suspects;
import io.sashell.analysis.SuspectsResult;
import io.sashell.index.CoreIdentity;
import io.sashell.index.HeapIndex;
import io.sashell.index.IndexProgress;
import io.sashell.index.IndexStore;

/**
 * A development measure of the retained-size answers on a big core, phase by phase (wall, process CPU, RSS),
 * in one JVM of the core's JDK, the way the shell opens a core. Not a test; {@code bench/answers.sh} measures
 * the shell.
 *
 * <pre>
 * AnswersBenchDriver CORE INDEX_DIR
 * </pre>
 */
public final class AnswersBenchDriver {
    private AnswersBenchDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path core = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        PrintStream o = System.out;
        long t0 = System.nanoTime();
        IndexProgress progress = new IndexProgress() {
            private String phase = "";

            @Override
            public void progress(String name, long done, long total) {
                if (!name.equals(phase)) {
                    phase = name;
                    o.printf("  %6d ms (cpu %6d ms, rss %4d MB, anon %4d MB) %s%n", ms(t0), cpuMs(),
                            rssMb("VmRSS"), rssMb("RssAnon"), name);
                }
            }
        };
        try (CoreOpener opened = CoreOpener.open(core, null, CoreJdks.locator(null, null, false), o::println)) {
            o.printf("%6d ms (cpu %6d ms): opened%n", ms(t0), cpuMs());
            HeapQueries heap = new HeapQueries(opened.elf().memory(), (a, b) -> { });
            HeapGraph graph = new HeapGraph(heap, CoreIdentity.of(opened.elf()), opened.elf().memory(),
                    IndexStore.in(dir), GcRootSource::enumerate, progress);
            HeapIndex index = graph.index();
            o.printf("%6d ms (cpu %6d ms): index of %,d objects, %,d edges (%s)%n", ms(t0), cpuMs(),
                    index.objectCount(), index.edgeCount(), graph.opened().orElseThrow().built() ? "built" : "read");
            long d0 = System.nanoTime();
            long c0 = cpuMs();
            DominatorTree tree = graph.dominators();
            o.printf("%6d ms (cpu %6d ms): dominator tree %d ms (cpu %d ms), reachable %,d bytes%n", ms(t0),
                    cpuMs(), ms(d0), cpuMs() - c0, tree.reachableBytes());
            long s0 = System.nanoTime();
            c0 = cpuMs();
            SuspectsResult s = Suspects.of(index, tree, 10);
            o.printf("%6d ms (cpu %6d ms): suspects %d ms (cpu %d ms): %s%n", ms(t0), cpuMs(), ms(s0),
                    cpuMs() - c0, s.suspects().isEmpty() ? "none" : s.suspects().get(0).holder());
            o.printf("peak rss %d MB, now %d MB (anon %d MB, file %d MB)%n", rssMb("VmHWM"), rssMb("VmRSS"),
                    rssMb("RssAnon"), rssMb("RssFile"));
        }
    }

    /** CPU time of every thread of this process so far. */
    private static long cpuMs() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
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
