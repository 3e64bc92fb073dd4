package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cores taken at random moments of work ({@code testdata/walker/Churn.java}: threads allocating as fast as they
 * can, aborted at a moment that depends on the seed): TLABs half filled, objects whose fields are not yet
 * written, collections in progress. For each seed the walker visits SA's objects, at SA's addresses, in SA's
 * order, and gives SA's histogram; where SA silently drops the rest of a stretch it cannot parse, the walker
 * drops the same bytes and reports where and why. The subclasses choose the JDK and collector; each seed's
 * core is deleted as soon as its driver has run, so one core at a time is on disk.
 *
 * <p>Seen on 2026-11-27 (12 cores of three configurations): 7 were taken during a collection (no thread
 * had a TLAB); four of those had an object with a null klass in the old generation (G1 old region, Serial and
 * Parallel old space; most likely a survivor being copied there): SA and the walker both left the rest of that
 * stretch (4 KB to 2.5 MB), and the walker said where.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChurnWalkerCoreIT {

    private static final Pattern PAST_TOP =
            Pattern.compile("0x([0-9a-f]+) PAST_TOP \\S+ object_of_([0-9]+)_bytes_ends_past_the_top_0x([0-9a-f]+)\\S*");
    private static final List<Long> SEEDS = List.of(1L, 2L, 3L, 4L);
    private final List<WalkerCoreRun> runs = new ArrayList<>();

    abstract Path jdk();

    abstract String[] jvmArgs();

    @BeforeAll
    void walk() throws Exception {
        for (long seed : SEEDS) {
            WalkerCoreRun run = WalkerCoreRun.of(jdk(), "Churn.java", List.of(Long.toString(seed)), jvmArgs());
            runs.add(run);
            // What each core caught, for the record (failsafe keeps it in the test's output file).
            System.out.printf("seed %d: %s objects, %s TLABs, %d damage, %s bytes skipped %s%n", seed,
                    run.text("walk-objects"), run.text("tlabs"), run.damage.size(), run.text("walk-skipped"),
                    run.damage);
        }
    }

    @Test
    void eachCoreWasTakenMidWork() {
        for (WalkerCoreRun run : runs) {
            assertTrue(run.scenarioNumber("allocated") > 0, () -> "no allocation before the abort: " + run.scenario);
            assertTrue(run.walkerRows("Churn$Node").size() == 1 || run.walkerRows("Churn$Wide").size() == 1,
                    () -> "the workers' objects are in the heap: " + run.facts);
        }
    }

    @Test
    void objectAddressesEqualSasInOrder() {
        for (int i = 0; i < runs.size(); i++) {
            WalkerCoreRun run = runs.get(i);
            assertEquals(run.fact("sa-objects"), run.saAddresses.length, "seed " + SEEDS.get(i));
            assertArrayEquals(run.saAddresses, run.walkerAddresses, "seed " + SEEDS.get(i));
        }
    }

    @Test
    void histogramEqualsSasRowForRow() {
        for (int i = 0; i < runs.size(); i++) {
            WalkerCoreRun run = runs.get(i);
            assertEquals(run.saHisto, run.walkerHisto, "seed " + SEEDS.get(i));
            assertEquals(run.fact("sa-bytes"), run.fact("walk-bytes"), "seed " + SEEDS.get(i));
        }
    }

    @Test
    void skippedBytesAreReportedAndAccountedFor() {
        for (int i = 0; i < runs.size(); i++) {
            WalkerCoreRun run = runs.get(i);
            long skipped = run.fact("walk-skipped");
            // An object ending past its stretch's top is counted, as SA counts it, and skips nothing: its
            // bytes beyond the top are outside the stretches' total.
            long overhang = 0;
            boolean skipping = false;
            for (String d : run.damage) {
                assertTrue(d.matches("0x[0-9a-f]+ [A-Z_]+ \\S+ \\S+"), d);
                Matcher m = PAST_TOP.matcher(d);
                if (m.matches()) {
                    overhang += Long.parseLong(m.group(1), 16) + Long.parseLong(m.group(2))
                            - Long.parseLong(m.group(3), 16);
                } else {
                    skipping = true;
                }
            }
            assertEquals(skipped > 0, skipping, () -> "damage " + run.damage + " skipped " + skipped);
            // Every byte of every stretch was either in an object or skipped after a reported place.
            assertEquals(run.fact("walk-total"), run.fact("walk-bytes") - overhang + skipped, "seed " + SEEDS.get(i));
        }
    }

    @Test
    void parallelWalkAndObjectStartsAgree() {
        for (WalkerCoreRun run : runs) {
            assertEquals("true", run.text("parallel-identical"));
            assertEquals(0, run.fact("objectstart-mismatches"));
        }
    }
}
