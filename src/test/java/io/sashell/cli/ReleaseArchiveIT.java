package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * The release archive made by {@code mvn package}, unpacked into an empty folder, opens a core where only a JDK
 * is installed: no Maven on the PATH, and HOME an empty folder (no local Maven repository, no cache).
 */
class ReleaseArchiveIT {

    @Test
    void unpackedArchiveOpensACoreWithoutMaven() throws Exception {
        Path archive = Path.of(System.getProperty("sashell.release", "target/sa-shell-missing.tar.gz"));
        assertTrue(Files.isRegularFile(archive), "mvn package makes " + archive);
        Path work = Files.createTempDirectory("sa-shell-release-it-");
        try (ScenarioCore core = ScenarioCore.abortWhenReady(Jdks.JDK17, "scenarios/KnownGraph.java", "-Xmx32m")) {
            Path unpacked = Files.createDirectory(work.resolve("unpacked"));
            Run tar = Run.of(List.of("tar", "xzf", archive.toString(), "-C", unpacked.toString()), null, Map.of(), null);
            assertEquals(0, tar.exitCode(), tar.stderr());
            String top = archive.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
            try (Stream<Path> s = Files.walk(unpacked)) {
                assertEquals(List.of(top, top + "/bin", top + "/bin/sa-shell", top + "/lib", top + "/lib/sa-shell.jar"),
                        s.filter(p -> !p.equals(unpacked)).map(p -> unpacked.relativize(p).toString()).sorted().toList(),
                        "the launcher and its jar, nothing else");
            }
            Path launcher = unpacked.resolve(top).resolve("bin/sa-shell");
            assertTrue(Files.isExecutable(launcher));

            // A PATH with the few tools the launcher uses and no mvn; JAVA_HOME is the only JDK it is told of.
            Path bin = Files.createDirectory(work.resolve("bin"));
            for (String tool : List.of("bash", "env", "readlink", "dirname", "sed")) {
                Path real = Path.of(Run.of(List.of("bash", "-c", "command -v " + tool), null, Map.of(), null).stdout().strip());
                Files.createSymbolicLink(bin.resolve(tool), real);
            }
            Path home = Files.createDirectory(work.resolve("home"));
            Map<String, String> env = new HashMap<>(Map.of("PATH", bin.toString(), "HOME", home.toString(),
                    "JAVA_HOME", Jdks.JDK17.toString()));
            env.put("XDG_CACHE_HOME", "");
            Run mvn = Run.of(List.of(bin.resolve("bash").toString(), "-c", "command -v mvn"), null, env, null);
            assertNotEquals(0, mvn.exitCode(), "mvn must be out of reach: " + mvn.stdout());

            Run r = Run.of(List.of(launcher.toString(), "open", core.core().toString(), "--json", "-c",
                    "histo KnownGraph -n -1"), null, env, work);
            assertEquals(0, r.exitCode(), r.stderr());
            assertFalse(r.stderr().contains("building"), r.stderr());
            Map<String, Long> counts = new HashMap<>();
            for (JsonNode row : new ObjectMapper().readTree(r.stdout()).get("rows")) {
                counts.merge(row.get("class").asText(), row.get("count").asLong(), Long::sum);
            }
            assertEquals(1000L, counts.get("KnownGraph$Node"));
            assertEquals(500L, counts.get("KnownGraph$Payload"));
            assertFalse(Files.exists(home.resolve(".m2")), "Maven was never run");
        } finally {
            ScenarioCore.deleteTree(work);
        }
    }
}
