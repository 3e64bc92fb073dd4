package io.sashell.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Run;

/**
 * Also the oracle of the object set: jhsdb's own hprof of the same core, read by the same independent reader,
 * has the same objects per class with the same sizes (JDK 17 only: ~20 s).
 */
class Jdk17SerialExportCoreIT extends ExportCoreIT {
    @Test
    void objectCountsEqualJhsdbsHprof() throws Exception {
        Path theirs = core.dir().resolve("jhsdb.hprof");
        Path jdk = jdk();
        Run r = Run.of(List.of(jdk.resolve("bin/jhsdb").toString(), "jmap", "--binaryheap", "--dumpfile",
                theirs.toString(), "--exe", jdk.resolve("bin/java").toString(), "--core", core.core().toString()),
                null, Map.of(), null);
        assertEquals(0, r.exitCode(), r.stderr());
        IndependentHprof jhsdbs = IndependentHprof.open(theirs);
        assertEquals(jhsdbs.objectCounts(), reader.objectCounts());
        assertEquals(jhsdbs.objectSizes(), reader.objectSizes(), "sizes as hprof gives them");
        assertEquals(jhsdbs.heap.getAllClasses().size(), reader.heap.getAllClasses().size(), "class dumps");
        Map<String, Long> ours = objectCounts(HprofReader.read(theirs));
        Map<String, Long> actual = objectCounts(file);
        // SA's writer dumps each class's mirror as a java.lang.Class instance as well as a class dump.
        ours.remove("java.lang.Class");
        actual.remove("java.lang.Class");
        assertEquals(ours, actual, "our own reader agrees");
    }

    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx32m", "-XX:+UseSerialGC"};
    }
}
