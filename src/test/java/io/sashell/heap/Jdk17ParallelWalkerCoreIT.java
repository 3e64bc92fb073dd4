package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import io.sashell.testkit.Jdks;

class Jdk17ParallelWalkerCoreIT extends WalkerDifferentialCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseParallelGC"};
    }

    @Override
    void checkLayout(WalkerCoreRun run) {
        assertEquals("PARALLEL", run.text("collector"));
        assertEquals("true", run.text("compressed-oops"));
        assertEquals("false", run.text("compact-headers"));
        assertEquals(12, run.fact("array-length-offset"));
        assertEquals(List.of("eden", "from", "old"), run.ranges.stream().map(WalkerCoreRun.Range::label).toList());
    }
}
