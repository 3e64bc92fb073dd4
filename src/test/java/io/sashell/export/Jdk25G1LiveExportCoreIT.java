package io.sashell.export;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import io.sashell.testkit.Jdks;

/**
 * With SA 25's own constant pool lookup ({@code -Dsashell.sa.indy=sa}), main's frame (a method with invokedynamic)
 * has no oop map: its stack is scanned conservatively, and the file names those roots as the index does.
 */
class Jdk25G1LiveExportCoreIT extends ExportLiveCoreIT {
    @Test
    void conservativeRootsAreThreadBlockRoots() {
        assertFalse(conservativeRoots().isEmpty());
    }

    @Override
    Map<String, String> env() {
        return Map.of("SA_SHELL_JAVA_OPTS", "-Dsashell.sa.indy=sa");
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
