package io.sashell.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code export} of the smallest heap a program has ({@code testdata/export/EmptyHeap.java}: nothing of its own):
 * a whole file that both readers open, with the JVM's own objects per class as {@code histo} counts them, the
 * program's class with no instance, and no reference to an object the file lacks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmptyHeapExportCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    ScenarioCore core;
    JsonNode histo;
    JsonNode export;
    HprofReader file;
    IndependentHprof reader;

    abstract Path jdk();

    abstract String[] jvmArgs();

    @BeforeAll
    void export() throws Exception {
        core = ScenarioCore.abortWhenReady(jdk(), "export/EmptyHeap.java", jvmArgs());
        Path hprof = core.dir().resolve("empty.hprof");
        Run r = Run.saShell(null, "open", core.core().toString(), "--json", "-c", "histo -n -1",
                "-c", "export -o '" + hprof + "'");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(2, docs.size(), r.stdout());
        histo = JSON.readTree(docs.get(0));
        export = JSON.readTree(docs.get(1));
        file = HprofReader.read(hprof);
        reader = IndependentHprof.open(hprof);
    }

    @AfterAll
    void deleteCore() throws Exception {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void fileIsWholeAndResolves() {
        assertEquals("JAVA PROFILE 1.0.2", file.header);
        assertTrue(file.ended, "HEAP DUMP END");
        assertEquals(export.get("instances").asLong(), file.instances.size());
        assertEquals(export.get("classes").asLong(), reader.heap.getAllClasses().size());
        assertEquals(0, export.get("skippedObjects").asLong());
        assertEquals(List.of(), ExportCoreIT.dangling(file));
    }

    @Test
    void objectCountsPerClassEqualTheHistogram() {
        Map<String, Long> expected = ExportCoreIT.histoCounts(histo);
        assertEquals(expected, reader.histoCounts());
    }

    @Test
    void programClassIsThereWithNoInstance() {
        assertEquals(0, reader.classNamed("EmptyHeap").getInstancesCount());
        assertTrue(reader.heap.getGCRoots().stream().anyMatch(r -> r.getKind().equals("thread object")));
    }
}
