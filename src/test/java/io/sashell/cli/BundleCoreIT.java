package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.bundle.BundleManifest;
import io.sashell.bundle.BundleReader;
import io.sashell.core.BuildIds;
import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * A bundle of a JDK 25 core opens with that JDK hidden (a bind mount of an empty folder over it, in a private
 * mount namespace: root only) and gives the original's histogram; damaged bundles are refused in one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ScenarioCore core;
    private Path work;
    private Path bundle;
    private Run made;
    private Map<String, String> env;

    @BeforeAll
    void makeCoreAndBundle() throws Exception {
        core = ScenarioCore.abortWhenReady(Jdks.JDK25, "scenarios/KnownGraph.java", "-Xmx32m");
        work = Files.createTempDirectory("sa-shell-bundle-it-");
        // The launcher's first step runs on JDK 17, so hiding JDK 25 hides only the core's JDK; the cache is ours.
        env = Map.of("JAVA_HOME", Jdks.JDK17.toString(), "XDG_CACHE_HOME", work.resolve("cache").toString());
        bundle = Files.createDirectory(work.resolve("out")).resolve("known.bundle");
        made = Run.of(List.of(Repo.launcher().toString(), "bundle", core.core().toString(), "-o", bundle.toString()),
                null, env, null);
        assertEquals(0, made.exitCode(), () -> "bundle failed: " + made.stderr());
    }

    @AfterAll
    void deleteEverything() throws Exception {
        if (core != null) {
            core.close();
        }
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    @Test
    void bundleIsPrivateAndHoldsWhatSaNeeds() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle)));
        String out = made.stdout();
        assertTrue(out.lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(bundle.toString())
                + ": \\d+\\.\\d MB \\(from \\d+\\.\\d MB\\), mode 0600")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("took \\d+\\.\\d s \\(jlink \\d+\\.\\d s, .*")), out);
        assertTrue(out.contains("needs glibc 2.17 or newer"), out);
        try (var s = Files.list(bundle.getParent())) {
            assertEquals(Set.of("known.bundle"), s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
                    "no temporary files left beside the bundle");
        }

        BundleManifest m = BundleReader.readManifest(bundle);
        String home = Jdks.JDK25.toRealPath().toString();
        assertTrue(m.jdkVersion().startsWith("25."), m.jdkVersion());
        assertEquals(home, m.jdkHome());
        assertEquals(BuildIds.ofFile(Jdks.JDK25.resolve("lib/server/libjvm.so")).orElseThrow(), m.libjvmBuildId());
        assertEquals(core.pid(), m.pid());
        assertEquals("x86_64", m.arch());
        assertEquals("core/" + core.core().getFileName(), m.core());
        assertEquals(Files.size(core.core()), m.file(m.core()).orElseThrow().size());
        Set<String> names = m.files().stream().map(BundleManifest.Entry::path).collect(Collectors.toSet());
        for (String want : List.of("root" + home + "/lib/server/libjvm.so", "root" + home + "/lib/server/classes.jsa",
                "root" + home + "/bin/java", "runtime/bin/java", "runtime/lib/server/libjvm.so",
                "runtime/lib/libsaproc.so", "sa-shell/bin/sa-shell", "sa-shell/lib/sa-shell.jar")) {
            assertTrue(names.contains(want), want + " in " + names);
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith("root/") && n.contains("/ld-linux")), names.toString());
        assertFalse(names.contains("root" + home + "/lib/modules"), "SA reads lib/modules from the core's memory");
        assertFalse(names.contains("runtime/lib/server/classes.jsa"), "the core's CDS archive stays in the root");
    }

    @Test
    void opensWithItsJdkHiddenAndGivesTheOriginalHistogram() throws Exception {
        assumeTrue(isRoot(), "hiding a JDK needs a private mount namespace (root)");
        Run original = Run.of(List.of(Repo.launcher().toString(), "open", core.core().toString(), "--json", "-c",
                "histo -n -1"), null, env, null);
        assertEquals(0, original.exitCode(), original.stderr());

        Path empty = Files.createDirectories(work.resolve("empty"));
        Map<String, String> hidden = new HashMap<>(env);
        hidden.putAll(Map.of("JDK", Jdks.JDK25.toRealPath().toString(), "EMPTY", empty.toString(),
                "LAUNCHER", Repo.launcher().toString(), "CORE", core.core().toString(), "BUNDLE", bundle.toString()));
        String script = String.join("\n",
                "set -u",
                "mount --make-rprivate / && mount --bind \"$EMPTY\" \"$JDK\" || exit 90",
                "if [ -e \"$JDK/bin/java\" ]; then echo 'the JDK is still visible' >&2; exit 91; fi",
                // Proof that the JDK is really out of reach: the plain core cannot be opened now.
                "if \"$LAUNCHER\" open \"$CORE\" -c info >/dev/null 2>&1; then echo 'the core opened without its JDK' >&2;"
                        + " exit 92; fi",
                "exec \"$LAUNCHER\" open \"$BUNDLE\" --json -c 'histo -n -1' -c info");
        Run r = Run.of(List.of("unshare", "-m", "bash", "-c", script), null, hidden, null);
        assertEquals(0, r.exitCode(), () -> "open of the bundle with the JDK hidden failed: " + r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(2, docs.size(), r.stdout());
        assertEquals(rows(JSON.readTree(original.stdout())), rows(JSON.readTree(docs.get(0))));
        JsonNode info = JSON.readTree(docs.get(1));
        assertEquals(bundle.toString(), info.get("bundle").get("file").asText());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), info.get("bundle").get("host").asText());
        assertEquals(core.core().toString(), info.get("bundle").get("originalCore").asText());
        assertTrue(info.get("jdkHome").asText().startsWith(work.resolve("cache/sa-shell/bundles").toString()),
                info.get("jdkHome").asText());
        Path unpacked = Path.of(info.get("jdkHome").asText()).getParent();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked)));
        assertTrue(r.stderr().contains("unpacking " + bundle), r.stderr());
    }

    @Test
    void truncatedOrAlteredBundlesAreRefusedInOneLine() throws Exception {
        byte[] all = Files.readAllBytes(bundle);
        Path cut = Files.write(work.resolve("cut.bundle"), java.util.Arrays.copyOf(all, all.length / 3));
        byte[] flipped = all.clone();
        flipped[all.length / 2] ^= 0x10;
        Path altered = Files.write(work.resolve("altered.bundle"), flipped);
        try {
            for (Path bad : List.of(cut, altered)) {
                Run r = Run.of(List.of(Repo.launcher().toString(), "open", bad.toString(), "-c", "info"), null, env, null);
                assertEquals(1, r.exitCode(), r.stderr());
                List<String> errors = r.stderr().lines().filter(l -> !l.startsWith("unpacking ")).toList();
                assertEquals(1, errors.size(), r.stderr());
                assertTrue(errors.get(0).startsWith(bad + ": damaged bundle"), errors.get(0));
                assertEquals("", r.stdout());
            }
        } finally {
            Files.deleteIfExists(cut);
            Files.deleteIfExists(altered);
        }
        try (var s = Files.list(work.resolve("cache/sa-shell/bundles"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".unpack-")), "no half-unpacked folder");
        }
    }

    @Test
    void anUnknownRedactionLevelIsAUsageError() throws Exception {
        Run r = Run.of(List.of(Repo.launcher().toString(), "bundle", core.core().toString(), "-o",
                work.resolve("r.bundle").toString(), "--redact", "--level", "some"), null, env, null);
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("unknown level 'some' (basic or full)"), r.stderr());
        assertFalse(Files.exists(work.resolve("r.bundle")));
    }

    @Test
    void existingOutputIsRefused() throws Exception {
        Run r = Run.of(List.of(Repo.launcher().toString(), "bundle", core.core().toString(), "-o", bundle.toString()),
                null, env, null);
        assertEquals(1, r.exitCode());
        assertEquals(bundle + " exists; remove it or choose another name\n", r.stderr());
    }

    private static Map<String, Integer> rows(JsonNode histo) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : histo.get("rows")) {
            rows.add(row.get("class").asText() + " " + row.get("count").asLong() + " " + row.get("bytes").asLong());
        }
        Map<String, Integer> m = new HashMap<>();
        rows.forEach(r -> m.merge(r, 1, Integer::sum));
        assertTrue(m.containsKey("KnownGraph$Node 1000 24000") || m.keySet().stream()
                .anyMatch(k -> k.startsWith("KnownGraph$Node 1000 ")), m.toString());
        return m;
    }

    private static boolean isRoot() throws Exception {
        return Run.of(List.of("id", "-u"), null, Map.of(), null).stdout().strip().equals("0");
    }
}
