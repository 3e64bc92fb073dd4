package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fast walker against SA's own {@code ObjectHeap.iterate} on a real core of
 * {@code testdata/walker/WalkerScenario.java}, once per JDK and heap configuration (the subclasses): the same
 * objects at the same addresses in the same order, the same count and bytes per klass, plus the scenario's
 * own counts and jhisto's spelling of names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WalkerDifferentialCoreIT {

    WalkerCoreRun run;

    abstract Path jdk();

    abstract String[] jvmArgs();

    /** Checks of the heap layout SA reported for this configuration. */
    abstract void checkLayout(WalkerCoreRun run);

    @BeforeAll
    void walk() throws Exception {
        run = WalkerCoreRun.of(jdk(), "WalkerScenario.java", jvmArgs());
    }

    @Test
    void histogramEqualsSasRowForRow() {
        assertTrue(run.saHisto.size() > 250, () -> "too few rows for a real heap: " + run.saHisto.size());
        assertEquals(run.saHisto, run.walkerHisto);
        assertEquals(run.fact("sa-objects"), run.fact("walk-objects"));
        assertEquals(run.fact("sa-bytes"), run.fact("walk-bytes"));
    }

    @Test
    void objectAddressesEqualSasInOrder() {
        assertEquals(run.fact("sa-objects"), run.saAddresses.length);
        assertArrayEquals(run.saAddresses, run.walkerAddresses);
    }

    @Test
    void theWholeHeapIsWalkedWithoutDamage() {
        assertEquals(List.of(), run.damage);
        assertEquals(0, run.fact("walk-skipped"));
    }

    @Test
    void scenarioCountsAndJhistoNames() {
        List<WalkerCoreRun.Row> items = run.walkerRows("WalkerScenario$Item");
        assertEquals(1, items.size());
        assertEquals(run.scenarioNumber("items"), items.get(0).count());

        // One class, three loaders: three rows, each with its own loader.
        List<WalkerCoreRun.Row> loaded = run.walkerRows("WalkerScenario$Loaded");
        assertEquals(3, loaded.size());
        Set<String> loaders = loaded.stream().map(WalkerCoreRun.Row::loader).collect(Collectors.toSet());
        assertEquals(3, loaders.size());
        assertTrue(loaders.stream().allMatch(l -> l.startsWith("java.net.URLClassLoader@0x")), loaders::toString);

        for (String name : List.of("byte[]", "boolean[]", "char[]", "short[]", "int[]", "float[]", "double[]",
                "long[]", "int[][]", "java.lang.Object[][]", "java.lang.String[][][]", "WalkerScenario$Item[]",
                "java.lang.Class", "java.lang.String", "java.lang.ref.WeakReference")) {
            assertTrue(!run.walkerRows(name).isEmpty(), () -> "no row named " + name);
        }
        List<String> lambdas = run.walkerHisto.values().stream().map(WalkerCoreRun.Row::name)
                .filter(n -> n.startsWith("WalkerScenario$$Lambda")).toList();
        assertTrue(lambdas.size() >= 2 && lambdas.stream().allMatch(n -> n.matches(".*\\+0x[0-9a-f]{16}")),
                lambdas::toString);
        assertTrue(run.walkerHisto.values().stream().noneMatch(r -> r.name().equals("?")));
    }

    @Test
    void parallelWalkProgressAndObjectStartsAgree() {
        assertEquals("true", run.text("parallel-identical"));
        assertEquals("true", run.text("progress-ok"));
        assertTrue(run.fact("objectstart-checks") > 1000);
        assertEquals(0, run.fact("objectstart-mismatches"));
    }

    @Test
    void eachKlassIsAskedOfSaOnce() {
        // Three more walks (two threads, progress, object starts) asked SA nothing new.
        assertEquals(run.fact("klass-queries-first-walk"), run.fact("klass-queries"));
        assertTrue(run.fact("klass-queries") >= run.fact("histo-rows"));
    }

    @Test
    void addressesThatAreNotKlassesGiveNothingAndAreAskedOnce() {
        assertEquals("true", run.text("invalid-klasses-empty"));
        assertEquals(9, run.fact("invalid-klass-queries"));
    }

    @Test
    void layout() {
        assertTrue(run.fact("tlabs") >= 4, () -> "the scenario's parked threads have TLABs: " + run.facts);
        checkLayout(run);
    }
}
