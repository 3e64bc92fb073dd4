package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import io.sashell.testkit.Jdks;

class Jdk25CompactHeadersCoreIT extends KnownGraphCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseCompactObjectHeaders"};
    }

    @Override
    void checkVm(JsonNode info) {
        assertEquals("G1", info.get("gc").asText());
        assertEquals(true, info.get("compressedOops").asBoolean());
        assertEquals(true, info.get("compressedClassPointers").asBoolean());
        assertEquals(true, info.get("compactHeaders").asBoolean());
    }
}
