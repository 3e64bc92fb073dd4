package io.sashell.redact;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

import io.sashell.core.CoreMemory;
import io.sashell.core.ElfCore;
import io.sashell.core.PendingPath;
import io.sashell.heap.HeapWalker;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassInfo;

/**
 * Redaction of a core: {@link #plan} decides which bytes to zero (reading the core and SA's metadata, writing
 * nothing), {@link #write} makes the redacted copy. The input is never written to.
 */
public final class Redactor {
    /** Threads of the heap walk: G1's regions split well; more than 4 gain nothing on a page-cache-bound walk. */
    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private Redactor() {
    }

    /**
     * What to scrub: the level, the classes whose contents stay, and the Java threads' names (heap strings, scrubbed
     * in the heap; their copies in the Flight Recorder's native buffers are searched for, unless Thread is kept).
     */
    public record Options(RedactLevel level, KeepRule keep, List<String> threadNames) {
        public Options {
            threadNames = keep.keeps("java.lang.Thread") ? List.of() : List.copyOf(threadNames);
        }

        public Options(RedactLevel level, KeepRule keep) {
            this(level, keep, List.of());
        }
    }

    /**
     * Plans the redaction of {@code elf}.
     *
     * @param layout  the heap layout SA reported
     * @param klasses the class at a klass address ({@code SaHeapMetadata::klass})
     * @param saPages pages SA read while answering sa-shell's questions (sorted); required for {@code full},
     *                ignored by {@code basic}
     * @throws IOException when the core's notes cannot be read
     * @throws io.sashell.heap.UnsupportedHeapException for heaps the walker does not know (ZGC, Shenandoah)
     */
    public static RedactionPlan plan(ElfCore elf, SaHeapLayout layout, LongFunction<Optional<SaKlassInfo>> klasses,
                                     long[] saPages, Options options) throws IOException {
        if (options.level() == RedactLevel.FULL && saPages == null) {
            throw new IllegalArgumentException("full redaction needs the pages SA read");
        }
        CoreMemory memory = elf.memory();
        FileLayout file = new FileLayout(elf.segments(), elf.fileLength());
        HeapWalker walker = new HeapWalker(memory, layout, klasses);
        List<String> notes = new ArrayList<>();

        long t0 = System.nanoTime();
        List<ZeroRanges> lists = new ArrayList<>();
        HeapScrubber.Result heap = new HeapScrubber(memory, layout, klasses, walker, options.level(),
                options.keep(), file).plan(THREADS, lists);

        long t1 = System.nanoTime();
        List<ThreadRegisters> threads;
        try (FileChannel ch = FileChannel.open(elf.path(), StandardOpenOption.READ)) {
            threads = ThreadRegisters.read(ch, elf.notes());
        }
        long[] needed = null;
        if (options.level() == RedactLevel.FULL) {
            needed = NativeScrubber.withLinkMap(saPages, LinkMap.neededRanges(elf, memory));
        }
        ZeroRanges nativeRanges = new ZeroRanges();
        NativeScrubber.Result nat = new NativeScrubber(elf, memory, file, layout.reservedStart(),
                layout.reservedEnd(), threads).plan(options.level(), heap.buffers(), needed, options.threadNames(), nativeRanges);
        if (!nat.mainStackFound()) {
            notes.add("the main stack's top (arguments, environment) was not found in the core: not scrubbed");
        }
        NoteScrubber.plan(elf.notes(), threads, value -> pointsIntoHeap(layout, value), options.level(),
                nativeRanges);
        if (elf.truncation().isPresent()) {
            notes.add("the core is truncated: " + elf.truncation().get().describe());
        }

        long t2 = System.nanoTime();
        lists.add(nativeRanges);
        ZeroRanges.Disjoint ranges = ZeroRanges.union(lists);
        List<RedactionReport.Row> rows = new ArrayList<>();
        for (RegionKind k : RegionKind.values()) {
            if (ranges.bytes(k) > 0) {
                rows.add(new RedactionReport.Row(k.key(), k.description(), ranges.bytes(k)));
            }
        }
        RedactionReport report = new RedactionReport(options.level().label(), options.keep().patterns(),
                elf.fileLength(), ranges.totalBytes(), rows, heap.objects(), heap.primitiveArrays(),
                heap.keptArrays(), heap.instancesScrubbed(), nat.buffers(), nat.threads(), nat.needles(),
                nat.commandLineCopies(), nat.mallocHeaps(), saPages == null ? -1 : saPages.length,
                heap.walk().damage().size(), notes);
        return new RedactionPlan(ranges, report, nat.needleBytes(), String.format(Locale.ROOT,
                "heap %.2f s, native %.2f s, union %.2f s", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (System.nanoTime() - t2) / 1e9));
    }

    /** Whether a word is an address in the Java heap, whole or (with compressed oops) either half as a narrow oop. */
    static boolean pointsIntoHeap(SaHeapLayout layout, long value) {
        if (inHeap(layout, value)) {
            return true;
        }
        if (layout.heapOopSize() != 4) {
            return false;
        }
        long low = value & 0xFFFF_FFFFL;
        long high = value >>> 32;
        return (low != 0 && inHeap(layout, layout.compressedOops().decode(low)))
                || (high != 0 && inHeap(layout, layout.compressedOops().decode(high)));
    }

    private static boolean inHeap(SaHeapLayout layout, long address) {
        return address >= layout.reservedStart() && address < layout.reservedEnd();
    }

    /**
     * Writes the redacted copy of {@code input} to {@code output} through a temporary file beside it (mode
     * 0600), renamed at the end; on failure or interruption no output is left.
     *
     * @param progress told the bytes copied so far
     */
    public static void write(RedactionPlan plan, Path input, Path output, LongConsumer progress) throws IOException {
        try (PendingPath out = PendingPath.besideTarget(output, ".partial")) {
            RedactedCopyWriter.copy(input, out.path(), plan.ranges(), progress);
            out.moveTo(output);
        }
    }
}
