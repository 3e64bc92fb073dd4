package io.sashell.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.ObjectArrayInstance;
import org.netbeans.lib.profiler.heap.PrimitiveArrayInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code export} of a G1 heap with humongous arrays over several regions ({@code testdata/export/HumongousArrays.java},
 * 1 MB regions), read by the independent reader: each array is whole, with the values the program wrote, and the
 * objects per class equal {@code histo}'s. The same core's export, stopped by SIGINT (Ctrl-C) or SIGTERM while it
 * writes, leaves neither the output nor its temporary file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HumongousExportCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGS = 458_752;
    private static final int BYTES = 2_621_440;
    private static final int SLOTS = 600_000;
    private static final int CHARS = 300_001;
    private static final int INTS = 250_003;
    private static final int SHORTS = 13;
    ScenarioCore core;
    JsonNode histo;
    IndependentHprof reader;

    abstract Path jdk();

    @BeforeAll
    void export() throws Exception {
        core = ScenarioCore.abortWhenReady(jdk(), "export/HumongousArrays.java", "-Xmx256m", "-XX:+UseG1GC",
                "-XX:G1HeapRegionSize=1m");
        Path hprof = core.dir().resolve("humongous.hprof");
        Run r = Run.saShell(null, "open", core.core().toString(), "--json", "-c", "histo -n -1",
                "-c", "export -o '" + hprof + "'");
        assertEquals(0, r.exitCode(), r.stderr());
        histo = JSON.readTree(r.stdout().lines().findFirst().orElseThrow());
        reader = IndependentHprof.open(hprof);
    }

    @AfterAll
    void deleteCore() throws Exception {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void objectCountsPerClassEqualTheHistogram() {
        Map<String, Long> expected = ExportCoreIT.histoCounts(histo);
        assertEquals(expected, reader.histoCounts());
    }

    @Test
    void primitiveHumongousArraysHoldWhatTheProgramWrote() {
        List<Object> longs = primitiveArray("long[]", LONGS).getValues();
        for (int i = 0; i < LONGS; i++) {
            assertEquals(String.valueOf(i * 31L + 7), String.valueOf(longs.get(i)), "long[" + i + "]");
        }
        List<Object> bytes = primitiveArray("byte[]", BYTES).getValues();
        for (int i = 0; i < BYTES; i++) {
            assertEquals(String.valueOf((byte) i), String.valueOf(bytes.get(i)), "byte[" + i + "]");
        }
    }

    /** Arrays of 2- and 4-byte elements whose lengths leave a rest after the eight-byte steps of the swap. */
    @Test
    void arraysOfShortAndIntElementsHoldWhatTheProgramWrote() {
        List<Object> chars = primitiveArray("char[]", CHARS).getValues();
        for (int i = 0; i < CHARS; i++) {
            assertEquals(String.valueOf((char) (i * 7)), String.valueOf(chars.get(i)), "char[" + i + "]");
        }
        List<Object> ints = primitiveArray("int[]", INTS).getValues();
        for (int i = 0; i < INTS; i++) {
            assertEquals(String.valueOf(i * 13 + 5), String.valueOf(ints.get(i)), "int[" + i + "]");
        }
        List<Object> shorts = primitiveArray("short[]", SHORTS).getValues();
        for (int i = 0; i < SHORTS; i++) {
            assertEquals(String.valueOf((short) (i - 2)), String.valueOf(shorts.get(i)), "short[" + i + "]");
        }
    }

    @Test
    void humongousObjectArrayHoldsItsReferences() {
        List<Instance> arrays = arrays("java.lang.Object[]", SLOTS);
        assertEquals(1, arrays.size());
        List<Long> ids = ((ObjectArrayInstance) arrays.get(0)).getValueIDs();
        for (int i = 0; i < SLOTS; i++) {
            if (i % 1000 != 0) {
                assertEquals(0L, ids.get(i), "slot " + i);
            } else {
                Instance boxed = reader.object(ids.get(i));
                assertEquals("java.lang.Integer", boxed.getJavaClass().getName());
                assertEquals(i, ((Number) boxed.getValueOfField("value")).intValue(), "slot " + i);
            }
        }
    }

    /** Ctrl-C (SIGINT) and SIGTERM while the file is being written: no output file, no temporary file. */
    @Test
    void interruptedExportLeavesNoFile() throws Exception {
        for (String signal : List.of("INT", "TERM")) {
            Path out = core.dir().resolve("cut-" + signal + ".hprof");
            Path log = core.dir().resolve("cut-" + signal + ".log");
            Process p = new ProcessBuilder(Repo.launcher().toString(), "export", core.core().toString(), "-o",
                    out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long written = waitUntilWriting(p, "cut-" + signal + ".hprof");
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "still running after SIG" + signal);
            assertEquals(signal.equals("INT") ? 130 : 143, p.exitValue(), Files.readString(log));
            assertFalse(Files.exists(out), out + " after SIG" + signal + " at " + written + " bytes");
            assertEquals(List.of(), temporaryFiles(), "after SIG" + signal + " at " + written + " bytes");
        }
    }

    /** Waits until the export's temporary file has bytes in it; returns how many. */
    private long waitUntilWriting(Process p, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the export ended before it could be interrupted");
            for (Path part : temporaryFiles()) {
                if (part.getFileName().toString().startsWith("." + name + ".") && Files.size(part) > 0) {
                    return Files.size(part);
                }
            }
            Thread.sleep(5);
        }
        p.destroyForcibly();
        throw new AssertionError("the export never started writing " + name);
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> s = Files.list(core.dir())) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private PrimitiveArrayInstance primitiveArray(String type, int length) {
        List<Instance> found = arrays(type, length);
        assertEquals(1, found.size(), type + " of " + length);
        return (PrimitiveArrayInstance) found.get(0);
    }

    /**
     * The arrays of a type and length, of every class of that name: on JDK 25 G1's filler arrays have a klass of
     * their own that SA (and so the file, like jhsdb's) names int[] too.
     */
    private List<Instance> arrays(String type, int length) {
        return reader.heap.getAllClasses().stream().filter(c -> c.getName().equals(type))
                .flatMap(c -> c.getInstances().stream())
                .filter(i -> i instanceof PrimitiveArrayInstance a ? a.getLength() == length
                        : ((ObjectArrayInstance) i).getLength() == length)
                .toList();
    }
}
