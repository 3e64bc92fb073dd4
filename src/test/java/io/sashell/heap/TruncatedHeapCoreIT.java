package io.sashell.heap;

import static io.sashell.testkit.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.sashell.core.ElfCore;
import io.sashell.core.LoadSegment;
import io.sashell.core.Truncation;
import io.sashell.testkit.Jdks;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * A core truncated in the middle of the Java heap: a copy of a real JDK 17 G1 core of
 * {@code testdata/scenarios/KnownGraph.java} cut at the middle one of its 1000 {@code KnownGraph$Node}s (mode
 * 0600, beside it; the core itself is never written). A kernel core lays its segments out by address, and the
 * heap lies below libjvm, metaspace and the threads' stacks, so the cut loses what SA needs to attach:
 * {@code histo} answers with one line that names the truncation and how much of the file is present, exit 1,
 * no stack trace, whether the launcher looks for the JDK itself or is given it with {@code --jdk --force}. It
 * never prints a histogram of half a heap as if it were whole.
 *
 * <p>The heap missing while the rest is there (a copy whose heap segment says it holds only the bytes below
 * that node, as a dump that stopped writing the segment): SA attaches, and {@code histo} is a partial
 * histogram with a note saying how many bytes of the heap the core does not hold; those bytes and the
 * histogram's add up to the whole core's histogram exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TruncatedHeapCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ScenarioCore core;
    private Path cut;
    private Truncation truncation;
    private String inputSha;
    private JsonNode wholeHisto;
    private Path shortSegment;
    private long nodes;

    @BeforeAll
    void makeCoreAndCutIt() throws Exception {
        core = ScenarioCore.abortWhenReady(Jdks.JDK17, "scenarios/KnownGraph.java", "-XX:+UseG1GC", "-Xmx64m");
        inputSha = sha256(core.core());
        Run r = Run.saShell(null, "open", core.core().toString(), "--json", "-c", "instances KnownGraph$Node -n 5000",
                "-c", "histo -n 1");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        wholeHisto = JSON.readTree(docs.get(1));
        List<Long> addresses = new ArrayList<>();
        for (JsonNode o : JSON.readTree(docs.get(0)).get("instances")) {
            addresses.add(Long.decode(o.get("address").asText()));
        }
        nodes = addresses.size();
        addresses.sort(null);
        long middle = addresses.get(addresses.size() / 2);
        LoadSegment segment;
        try (ElfCore elf = ElfCore.open(core.core())) {
            segment = segmentOf(elf, middle);
        }
        long offset = segment.fileOffset() + (middle - segment.vaddr());
        cut = core.dir().resolve("core.cut-in-heap");
        copy(core.core(), cut, offset);
        try (ElfCore elf = ElfCore.open(cut)) {
            truncation = elf.truncation().orElseThrow();
        }
        shortSegment = core.dir().resolve("core.heap-segment-cut-short");
        copy(core.core(), shortSegment, Files.size(core.core()));
        setFileSize(shortSegment, segment.vaddr(), (middle - segment.vaddr()) & -4096L);
    }

    @AfterAll
    void deleteCores() throws IOException {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void theCopyIsCutInsideTheHeapAndTheInputIsUnchanged() throws Exception {
        assertEquals(1000, nodes);
        assertEquals(Files.size(core.core()), truncation.expectedBytes());
        assertEquals(Files.size(cut), truncation.presentBytes());
        assertTrue(truncation.cutSegments() > 1, truncation.toString());
        assertEquals(inputSha, sha256(core.core()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cut)));
    }

    @Test
    void histoNamesTheTruncationInOneLine() throws Exception {
        for (boolean json : List.of(false, true)) {
            List<String> args = new ArrayList<>(List.of("open", cut.toString(), "-c", "histo"));
            if (json) {
                args.add("--json");
            }
            Run r = Run.saShell(null, args.toArray(new String[0]));
            assertOneLineError(r, List.of(), "written by a JDK of unknown version (libjvm build-id not in the core);");
        }
    }

    @Test
    void withTheJdkGivenSaCannotOpenWhatIsLeftAndSaysSo() throws Exception {
        for (boolean json : List.of(false, true)) {
            List<String> args = new ArrayList<>(List.of("open", cut.toString(), "--jdk", Jdks.JDK17.toString(),
                    "--force", "-c", "histo"));
            if (json) {
                args.add("--json");
            }
            Run r = Run.saShell(null, args.toArray(new String[0]));
            String warning = "warning: " + cut + ": " + truncation.describe()
                    + "; answers about the missing memory are incomplete";
            assertOneLineError(r, List.of(warning), "the Serviceability Agent cannot open what is left (");
        }
    }

    @Test
    void withTheHeapSegmentCutShortHistoIsPartialAndSaysHowMuchIsMissing() throws Exception {
        Run r = Run.saShell(null, "open", shortSegment.toString(), "--json", "-c", "histo -n -1", "-c", "histo -n 1");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> docs = r.stdout().lines().toList();
        JsonNode partial = JSON.readTree(docs.get(0));
        assertEquals(1, partial.get("notes").size(), partial.get("notes").toString());
        String note = partial.get("notes").get(0).asText();
        Matcher m = Pattern.compile("the core does not hold ([0-9,]+) bytes of the heap \\([0-9]+ stretch(es)? from"
                + " 0x[0-9a-f]+, in G1 region [0-9]+ [a-z ]+\\): their objects are not counted").matcher(note);
        assertTrue(m.matches(), note);
        long missing = Long.parseLong(m.group(1).replace(",", ""));
        assertTrue(missing > 0, note);
        assertEquals(wholeHisto.get("totalBytes").asLong(), partial.get("totalBytes").asLong() + missing);
        assertTrue(partial.get("totalCount").asLong() < wholeHisto.get("totalCount").asLong(), partial.toString());
        Run text = Run.saShell(null, "open", shortSegment.toString(), "-c", "histo -n 3");
        assertEquals(0, text.exitCode(), text.stderr());
        assertTrue(text.stdout().startsWith("note: " + note + "\n"), text.stdout());
    }

    /** Exit 1, nothing on stdout, {@code before} and then one error line naming the truncation, then {@code why}. */
    private void assertOneLineError(Run r, List<String> before, String why) {
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        List<String> lines = r.stderr().strip().lines().toList();
        assertEquals(before.size() + 1, lines.size(), r.stderr());
        assertEquals(before, lines.subList(0, before.size()));
        String error = lines.get(before.size());
        String expected = cut + ": " + truncation.describe() + "; " + why;
        assertTrue(error.startsWith(expected), () -> "expected " + expected + "..., got " + error);
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), r.stderr());
    }

    private static LoadSegment segmentOf(ElfCore elf, long address) {
        for (LoadSegment s : elf.segments()) {
            if (address >= s.vaddr() && address < s.vaddr() + s.fileSize()) {
                return s;
            }
        }
        throw new AssertionError(String.format("0x%x is in no segment of the core", address));
    }

    /** The first {@code length} bytes of {@code from} into a new file {@code to}, mode 0600. */
    private static void copy(Path from, Path to, long length) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                     PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            long done = 0;
            while (done < length) {
                out.position(done);
                done += in.transferTo(done, length - done, out);
            }
        }
    }

    /** Sets p_filesz of the PT_LOAD program header of the ELF file {@code core} whose p_vaddr is {@code vaddr}. */
    private static void setFileSize(Path core, long vaddr, long fileSize) throws IOException {
        try (FileChannel ch = FileChannel.open(core, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(header, 0);
            long phoff = header.getLong(32);
            int phentsize = header.getShort(54) & 0xffff;
            int phnum = header.getShort(56) & 0xffff;
            for (int i = 0; i < phnum; i++) {
                ByteBuffer ph = ByteBuffer.allocate(phentsize).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(ph, phoff + (long) i * phentsize);
                if (ph.getInt(0) == 1 && ph.getLong(16) == vaddr) {
                    ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, fileSize),
                            phoff + (long) i * phentsize + 32);
                    return;
                }
            }
        }
        throw new AssertionError(String.format("no PT_LOAD header at 0x%x in %s", vaddr, core));
    }

}
