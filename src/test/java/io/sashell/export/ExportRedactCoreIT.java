package io.sashell.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.core.CoreMaker;
import io.sashell.redact.PlantedSecrets;
import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code export --redact} on a real core of {@code testdata/redact/Secrets.java} (JDK 17, G1): every planted
 * secret the plain export holds, in any encoding and in either byte order of the elements holding it (hprof is
 * big-endian, the core little-endian), is in neither redacted file, but the primitive field's value, which only
 * {@code --redact=full} removes; the structure stays: the same objects per class, array lengths, references.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportRedactCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The secrets the heap holds (the others are native memory, process arguments or files). */
    private static final Set<String> IN_THE_HEAP = Set.of("string-latin1", "string-utf16", "char-array",
            "byte-array", "string-builder", "biginteger-bytes", "runtime-property", "thread-name", "field-string",
            "field-chars", "field-long");

    Path work;
    PlantedSecrets secrets;
    Path plain;
    Path basic;
    Path full;
    long account;

    @BeforeAll
    void makeAndExport() throws Exception {
        work = Files.createTempDirectory("sa-shell-export-redact-it-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
        Path side = work.resolve("secrets.txt");
        CoreMaker.Spec spec = new CoreMaker.Spec(Jdks.JDK17, Repo.root().resolve("testdata/redact/Secrets.java"),
                "Secrets", List.of("-Xmx64m", "-XX:+UseG1GC", "-Dredact.prop=" + token()),
                List.of(side.toString(), token()), CoreMaker.Trigger.ABORT_WHEN_READY, work, Duration.ofMinutes(2));
        Path core = CoreMaker.make(spec, Map.of("REDACT_ENV", token())).core();
        secrets = bothByteOrders(PlantedSecrets.read(side));
        plain = work.resolve("plain.hprof");
        basic = work.resolve("basic.hprof");
        full = work.resolve("full.hprof");
        Run r = Run.saShell(null, "open", core.toString(), "--json", "-c", "instances Secrets$Account",
                "-c", "export -o " + plain, "-c", "export -o " + basic + " --redact",
                "-c", "export -o " + full + " --redact=full");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        assertEquals(4, docs.size(), r.stdout());
        account = Long.decode(JSON.readTree(docs.get(0)).get("instances").get(0).get("address").asText());
        JsonNode basicDoc = JSON.readTree(docs.get(2));
        assertTrue(basicDoc.get("notes").toString().contains("redacted (basic)"), basicDoc.toString());
        Files.delete(core);
    }

    @AfterAll
    void deleteWork() throws IOException {
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    @Test
    void plainFileHoldsTheHeapsSecrets() throws Exception {
        Set<String> found = found(plain);
        assertTrue(found.containsAll(IN_THE_HEAP), found.toString());
    }

    @Test
    void basicLeavesOnlyThePrimitiveField() throws Exception {
        assertEquals(Set.of("field-long"), found(basic));
    }

    @Test
    void fullLeavesNoSecret() throws Exception {
        assertEquals(Set.of(), found(full));
    }

    @Test
    void structureIsKept() throws Exception {
        HprofReader p = HprofReader.read(plain);
        HprofReader b = HprofReader.read(basic);
        HprofReader f = HprofReader.read(full);
        Map<String, Long> counts = ExportCoreIT.objectCounts(p);
        assertEquals(counts, ExportCoreIT.objectCounts(b));
        assertEquals(counts, ExportCoreIT.objectCounts(f));
        Map<String, Long> original = p.fields(account);
        Map<String, Long> zeroed = f.fields(account);
        assertNotEquals(0L, original.get("pin"));
        assertEquals(original.get("pin"), b.fields(account).get("pin"));
        assertEquals(0L, zeroed.get("pin"));
        long password = original.get("password");
        assertEquals(password, zeroed.get("password"));
        HprofReader.PrimArray chars = f.primArrays.get(password);
        assertEquals(p.primArrays.get(password).length(), chars.length());
        assertTrue(java.util.Arrays.equals(new byte[chars.data().length], chars.data()), "zeros");
        assertEquals(p.roots, f.roots);
        for (Path file : List.of(basic, full)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    /** The secrets found in the file, by name. */
    private Set<String> found(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        secrets.countIn(file).forEach((p, n) -> {
            if (n > 0) {
                names.add(p.secret());
            }
        });
        return names;
    }

    /**
     * The planted secrets, each encoding also with its 2-, 4- and 8-byte elements swapped: the core holds
     * chars, ints and longs little-endian, an hprof big-endian.
     */
    private PlantedSecrets bothByteOrders(PlantedSecrets planted) throws IOException {
        List<String> lines = new ArrayList<>();
        for (PlantedSecrets.Pattern p : planted.patterns()) {
            for (int width : new int[] {1, 2, 4, 8}) {
                byte[] b = p.bytes();
                if (b.length % width != 0) {
                    continue;
                }
                byte[] swapped = new byte[b.length];
                for (int i = 0; i < b.length; i++) {
                    swapped[i] = b[i - i % width + width - 1 - i % width];
                }
                lines.add(p.secret() + "\tbytes\t" + HexFormat.of().formatHex(swapped) + (p.fullOnly() ? "\tfull" : ""));
            }
        }
        Path side = work.resolve("patterns.txt");
        Files.write(side, lines);
        return PlantedSecrets.read(side);
    }

    /** A secret made now: 24 random hexadecimal digits. */
    private static String token() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
