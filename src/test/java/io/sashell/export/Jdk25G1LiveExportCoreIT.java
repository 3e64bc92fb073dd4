package io.sashell.export;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;

/** On JDK 25 SA cannot parse main's frame (a method with invokedynamic): its stack is scanned conservatively. */
class Jdk25G1LiveExportCoreIT extends ExportLiveCoreIT {
    @Test
    void conservativeRootsAreThreadBlockRoots() {
        assertFalse(conservativeRoots().isEmpty());
    }

    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseG1GC"};
    }
}
