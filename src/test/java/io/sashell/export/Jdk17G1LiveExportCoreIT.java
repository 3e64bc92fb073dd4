package io.sashell.export;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;

class Jdk17G1LiveExportCoreIT extends ExportLiveCoreIT {
    @Test
    void conservativeRootsAreThreadBlockRoots() {
        conservativeRoots();
    }

    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseG1GC"};
    }
}
