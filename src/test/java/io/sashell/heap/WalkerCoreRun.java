package io.sashell.heap;

import java.io.DataInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sashell.core.CoreMaker;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.SaJava;
import io.sashell.testkit.ScenarioCore;

/**
 * A scenario from {@code testdata/walker/} turned into a core, and what {@link WalkerCoreDriver} found in it
 * when run in a child JVM of the same JDK (SA opens only cores of its own build). The core is deleted as
 * soon as the driver has run; the results stay in memory.
 */
final class WalkerCoreRun {

    /** One histogram row as the driver wrote it. */
    record Row(long klass, long count, long bytes, String name, String loader) {
    }

    /** One SA range as the driver wrote it. */
    record Range(long bottom, long top, long end, String type, int regionIndex, String label) {
    }

    final Map<String, String> scenario = new LinkedHashMap<>();
    final Map<String, String> facts = new LinkedHashMap<>();
    final List<String> damage = new ArrayList<>();
    final Map<Long, Row> walkerHisto;
    final Map<Long, Row> saHisto;
    final long[] walkerAddresses;
    final long[] walkerKlasses;
    final long[] walkerSizes;
    final long[] saAddresses;
    final List<Range> ranges;

    private WalkerCoreRun(List<String> scenarioOutput, String driverOutput, Path out) throws IOException {
        for (String line : scenarioOutput) {
            String[] kv = line.trim().split(" ", 2);
            if (kv.length == 2) {
                scenario.put(kv[0], kv[1]);
            }
        }
        for (String line : driverOutput.split("\n")) {
            String[] kv = line.trim().split(" ", 2);
            if (kv[0].equals("damage")) {
                damage.add(kv[1]);
            } else if (kv.length == 2) {
                facts.put(kv[0], kv[1]);
            }
        }
        walkerHisto = histo(out.resolve("histo-walker.txt"));
        saHisto = histo(out.resolve("histo-sa.txt"));
        long[] objects = longs(out.resolve("objs-walker.bin"));
        walkerAddresses = new long[objects.length / 3];
        walkerKlasses = new long[objects.length / 3];
        walkerSizes = new long[objects.length / 3];
        for (int i = 0; i < walkerAddresses.length; i++) {
            walkerAddresses[i] = objects[3 * i];
            walkerKlasses[i] = objects[3 * i + 1];
            walkerSizes[i] = objects[3 * i + 2];
        }
        saAddresses = longs(out.resolve("addrs-sa.bin"));
        ranges = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("ranges.txt"))) {
            String[] f = line.split(" ", 6);
            ranges.add(new Range(Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[1], 16),
                    Long.parseUnsignedLong(f[2], 16), f[3], Integer.parseInt(f[4]), f[5]));
        }
    }

    /**
     * Makes a core of {@code testdata/walker/<scenario>} on {@code jdk}, runs the driver on it, deletes it.
     */
    static WalkerCoreRun of(Path jdk, String scenario, String... jvmArgs) throws Exception {
        return of(jdk, scenario, List.of(), jvmArgs);
    }

    /** As {@link #of(Path, String, String...)}, with arguments for the scenario's {@code main}. */
    static WalkerCoreRun of(Path jdk, String scenario, List<String> programArgs, String... jvmArgs)
            throws Exception {
        Path source = Repo.root().resolve("testdata/walker").resolve(scenario);
        Path work = Files.createTempDirectory("sa-shell-walker-it-");
        try {
            CoreMaker.Spec ready = CoreMaker.Spec.abortWhenReady(jdk, source, work, jvmArgs);
            CoreMaker.Result core = CoreMaker.make(new CoreMaker.Spec(ready.javaHome(), ready.source(),
                    ready.mainClass(), ready.jvmArgs(), programArgs, ready.trigger(), work, ready.timeout()));
            Path out = work.resolve("out");
            List<String> cmd = SaJava.command(jdk);
            cmd.add("-cp");
            cmd.add(Repo.root().resolve("target/classes") + ":" + Repo.root().resolve("target/test-classes"));
            cmd.add(WalkerCoreDriver.class.getName());
            cmd.add(jdk.resolve("bin/java").toString());
            cmd.add(core.core().toString());
            cmd.add(out.toString());
            Run run = Run.of(cmd, null, Map.of(), work);
            // The core is large and no longer needed: delete it before reading the results.
            Files.deleteIfExists(core.core());
            if (run.exitCode() != 0 || !run.stdout().contains("\ndone")) {
                throw new IllegalStateException("walker driver failed (exit " + run.exitCode() + "):\n"
                        + run.stdout() + "\n" + run.stderr());
            }
            return new WalkerCoreRun(core.output(), run.stdout(), out);
        } finally {
            ScenarioCore.deleteTree(work);
        }
    }

    long fact(String key) {
        String v = facts.get(key);
        if (v == null) {
            throw new IllegalStateException("the driver printed no " + key + ": " + facts);
        }
        return Long.parseLong(v);
    }

    String text(String key) {
        return facts.get(key);
    }

    long scenarioNumber(String key) {
        return Long.parseLong(scenario.get(key));
    }

    /** The walker's rows of every klass with this name. */
    List<Row> walkerRows(String name) {
        return walkerHisto.values().stream().filter(r -> r.name().equals(name)).toList();
    }

    List<Row> saRows(String name) {
        return saHisto.values().stream().filter(r -> r.name().equals(name)).toList();
    }

    static long[] sorted(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    private static Map<Long, Row> histo(Path file) throws IOException {
        Map<Long, Row> rows = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            long klass = Long.parseUnsignedLong(f[0], 16);
            rows.put(klass, new Row(klass, Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f[4]));
        }
        return rows;
    }

    private static long[] longs(Path file) throws IOException {
        long[] values = new long[(int) (Files.size(file) / 8)];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readLong();
            }
        } catch (EOFException e) {
            throw new IOException(file + " is cut short", e);
        }
        return values;
    }
}
