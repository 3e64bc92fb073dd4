package io.sashell.cli;

import static io.sashell.testkit.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sashell.redact.PlantedSecrets;
import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;

/** redact on a JDK 17 G1 core; also the refusals, --keep, an interrupted run and a truncated core. */
class Jdk17G1RedactCoreIT extends RedactCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-XX:+UseG1GC", "-Xmx256m"};
    }

    @Test
    void refusesToWriteOverItsInputByAnyName() throws Exception {
        Path link = work.resolve("link-to-core");
        Files.createSymbolicLink(link, core);
        Path dotted = work.resolve("sub/../" + core.getFileName());
        Files.createDirectories(work.resolve("sub"));
        for (Path out : List.of(core, link, dotted)) {
            Run r = Run.saShell(null, "redact", core.toString(), "-o", out.toString());
            assertEquals(1, r.exitCode(), r.stderr());
            assertEquals(out + ": -o is the input core; redact never writes over its input", r.stderr().strip());
        }
        Run existing = Run.saShell(null, "redact", core.toString(), "-o", basic.toString());
        assertEquals(1, existing.exitCode());
        assertEquals(basic + ": exists; remove it or choose another name", existing.stderr().strip());
        Run missing = Run.saShell(null, "redact", core.toString());
        assertEquals(2, missing.exitCode(), missing.stderr());
        assertTrue(missing.stderr().startsWith("missing -o OUT (or --dry-run)"), missing.stderr());
        assertEquals(inputSha, sha256(core));
    }

    @Test
    void keepKeepsTheContentsOfChosenClassesOnly() throws Exception {
        Path kept = work.resolve("kept.out");
        ok(Run.saShell(null, "redact", core.toString(), "-o", kept.toString(), "--keep", "java.lang.Thread"));
        List<String> left = new ArrayList<>();
        secrets.countIn(kept).forEach((p, n) -> {
            if (n > 0 && !p.fullOnly()) {
                left.add(p.secret());
            }
        });
        assertEquals(List.of("thread-name"), left.stream().distinct().toList());
        List<JsonNode> threads = ask(kept, COMMANDS);
        assertEquals(answers.get("core").get(3), threads.get(3), "thread names are kept");
        Files.delete(kept);
    }

    @Test
    void anInterruptedRunLeavesNoOutput() throws Exception {
        for (String signal : List.of("TERM", "KILL")) {
            Path out = work.resolve("killed-" + signal + ".out");
            boolean killed = false;
            for (int attempt = 0; attempt < 3 && !killed; attempt++) {
                Process p = new ProcessBuilder(Repo.launcher().toString(), "redact", core.toString(), "-o",
                        out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                while (p.isAlive() && partials(out).isEmpty()) {
                    Thread.sleep(5);
                }
                if (p.isAlive()) {
                    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
                    killed = true;
                }
                assertTrue(p.waitFor(2, TimeUnit.MINUTES));
                if (!killed) {
                    Files.deleteIfExists(out);
                }
            }
            assertTrue(killed, "redact finished before it could be killed, three times");
            assertFalse(Files.exists(out), "no output after SIG" + signal);
            if (signal.equals("TERM")) {
                assertEquals(List.of(), partials(out), "the shutdown hook deletes the temporary file");
            }
            for (Path partial : partials(out)) {
                Files.delete(partial);
            }
        }
        assertEquals(inputSha, sha256(core));
    }

    private List<Path> partials(Path out) throws IOException {
        String prefix = "." + out.getFileName() + ".";
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    @Test
    void aTruncatedCoreIsRefusedInOneLine() throws Exception {
        Path cut = work.resolve("cut.bin");
        try (InputStream in = Files.newInputStream(core); OutputStream o = Files.newOutputStream(cut)) {
            o.write(in.readNBytes((int) (Files.size(core) / 2)));
        }
        Path out = work.resolve("cut.out");
        Run r = Run.saShell(null, "redact", cut.toString(), "-o", out.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith(cut + ": truncated"), r.stderr());
        assertTrue(r.stderr().strip().endsWith("redact refuses truncated cores"), r.stderr());
        assertFalse(Files.exists(out));
        Files.delete(cut);
    }

    @Test
    void theRedactedViewPrintsNoSecret() throws Exception {
        String account = answers.get("core").get(1).get("instances").get(0).get("address").asText();
        Run r = Run.saShell(null, "open", core.toString(), "--redact", "-c", "info", "-c", "threads", "-c", "bt",
                "-c", "inspect " + account + " --depth 2", "-c", "histo -n 5");
        ok(r);
        byte[] out = r.stdout().getBytes(StandardCharsets.UTF_8);
        for (PlantedSecrets.Pattern p : secrets.patterns()) {
            assertFalse(contains(out, p.bytes()), "the view shows no secret: " + p.secret());
        }
        assertTrue(r.stdout().contains("Secrets$Account"), r.stdout());
        assertTrue(r.stdout().contains("long pin = <redacted>"), r.stdout());
        assertTrue(r.stdout().contains("command:    <redacted>"), r.stdout());
    }

    @Test
    void secretsAreCountedInEveryEncoding() throws Exception {
        Map<PlantedSecrets.Pattern, Integer> counts = secrets.countIn(core);
        assertTrue(counts.keySet().stream().anyMatch(p -> p.encoding().equals("utf-16le") && counts.get(p) > 0),
                "UTF-16 copies of the secrets are in the original core");
        assertTrue(counts.keySet().stream().anyMatch(p -> p.encoding().equals("utf-8") && p.secret().equals("string-utf16")
                && counts.get(p) > 0), "and UTF-8 copies of the UTF-16 string");
    }
}
