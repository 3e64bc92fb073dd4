package io.sashell.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;

class Jdk17G1IndexCoreIT extends IndexGraphCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-Xms64m", "-XX:+UseG1GC"};
    }

    @Test
    void sampledReferrersEqualReversePtrsAnalysis() {
        assertTrue(run.fact("rpa-reached") > 100, run.facts::toString);
        assertEquals(0, run.fact("rpa-mismatches"), () -> String.join("\n", run.edgeExamples));
    }
}
