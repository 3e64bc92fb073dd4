package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25CompactHeadersWalkerCoreIT extends WalkerDifferentialCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseG1GC", "-XX:+UseCompactObjectHeaders"};
    }

    @Override
    void checkLayout(WalkerCoreRun run) {
        assertEquals("G1", run.text("collector"));
        assertEquals("true", run.text("compressed-oops"));
        assertEquals("true", run.text("compact-headers"));
        assertEquals(8, run.fact("array-length-offset"));
        assertEquals(1 << 20, run.fact("region-size"));
        assertEquals(64, run.ranges.size());
    }
}
