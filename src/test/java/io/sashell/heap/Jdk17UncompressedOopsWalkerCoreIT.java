package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17UncompressedOopsWalkerCoreIT extends WalkerDifferentialCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseG1GC", "-XX:-UseCompressedOops"};
    }

    @Override
    void checkLayout(WalkerCoreRun run) {
        assertEquals("G1", run.text("collector"));
        assertEquals("false", run.text("compressed-oops"));
        assertEquals("false", run.text("compact-headers"));
        assertEquals(12, run.fact("array-length-offset"));
        assertEquals(1 << 20, run.fact("region-size"));
        assertEquals(64, run.ranges.size());
    }
}
