package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import io.sashell.testkit.Jdks;

class Jdk25ParallelCoreIT extends KnownGraphCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseParallelGC"};
    }

    @Override
    void checkVm(JsonNode info) {
        assertEquals("Parallel", info.get("gc").asText());
        assertEquals(true, info.get("compressedOops").asBoolean());
        assertEquals(true, info.get("compressedClassPointers").asBoolean());
        assertEquals(false, info.get("compactHeaders").asBoolean());
    }
}
