package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Run;

class Jdk17G1CoreIT extends KnownGraphCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseG1GC"};
    }

    /**
     * SA attaches early, to the launcher's executable, while the command line is parsed: {@code --exe} naming the
     * same file by another path takes that session; naming another file (a copy of the launcher) makes sa-shell
     * let it go and attach anew in the same process. Both answer as the batched run did.
     */
    @Test
    void anExeOtherThanTheLaunchersReattaches(@TempDir Path dir) throws Exception {
        Path java = jdk().resolve("bin/java");
        Path copy = Files.copy(java, dir.resolve("java"), StandardCopyOption.COPY_ATTRIBUTES);
        Path link = Files.createSymbolicLink(dir.resolve("java-link"), java);
        String command = "histo KnownGraph -n -1";
        for (Path exe : new Path[] {copy, link}) {
            Run r = Run.saShell(null, "open", corePath().toString(), "--exe", exe.toString(), "--json", "-c", command);
            assertEquals(0, r.exitCode(), () -> "--exe " + exe + ": " + r.stderr());
            assertEquals(json(command), new ObjectMapper().readTree(r.stdout().lines().findFirst().orElseThrow()),
                    "--exe " + exe);
        }
    }

    @Override
    void checkVm(JsonNode info) {
        assertEquals("G1", info.get("gc").asText());
        assertEquals(true, info.get("compressedOops").asBoolean());
        assertEquals(true, info.get("compressedClassPointers").asBoolean());
        assertEquals(false, info.get("compactHeaders").asBoolean());
    }
}
