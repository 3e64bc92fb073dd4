package io.sashell.heap;

import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.sashell.core.ElfCore;
import io.sashell.core.MemoryReader;
import io.sashell.sa.SaHeapIteration;
import io.sashell.sa.SaHeapIterationResult;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaHeapMetadata;
import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaSession;

/**
 * Runs in a child JVM of the JDK that wrote the core (SA opens only cores of its own build): attaches SA,
 * walks the heap with the fast walker and with SA, and writes what both found to a directory for the
 * {@code *CoreIT} tests to compare. Prints facts as {@code key value} lines on stdout.
 *
 * <pre>
 * WalkerCoreDriver JAVA_EXE CORE OUTDIR [--bench]
 * </pre>
 * Files: {@code histo-walker.txt}, {@code histo-sa.txt} (klass, count, bytes, name per line, klass in hex),
 * {@code objs-walker.bin} (address, klass, size per object), {@code addrs-sa.bin} (address per object), as
 * big-endian longs in visiting order, and {@code ranges.txt}.
 */
public final class WalkerCoreDriver {

    private WalkerCoreDriver() {
    }

    public static void main(String[] args) throws Exception {
        String javaExe = args[0];
        Path core = Path.of(args[1]);
        Path out = Path.of(args[2]);
        boolean bench = Arrays.asList(args).contains("--bench");
        Files.createDirectories(out);
        PrintStream o = System.out;

        long t0 = System.nanoTime();
        try (SaSession session = SaSession.attach(Path.of(javaExe), core); ElfCore elf = ElfCore.open(core)) {
            long t1 = System.nanoTime();
            o.println("attach-ms " + (t1 - t0) / 1_000_000);
            MemoryReader memory = elf.memory();
            SaHeapMetadata metadata = SaHeapMetadata.ofAttachedVm();
            SaHeapLayout layout = metadata.layout();
            describe(o, layout, out);

            long t2 = System.nanoTime();
            HeapWalker walker = new HeapWalker(memory, layout, metadata::klass);
            AddressRecorder recorder = new AddressRecorder();
            HeapHistogram.Counter counter = new HeapHistogram.Counter();
            HeapWalkResult result = walker.walk((a, k, s) -> {
                recorder.visit(a, k, s);
                counter.visit(a, k, s);
            });
            long t3 = System.nanoTime();
            o.println("walk-ms " + (t3 - t2) / 1_000_000);
            o.println("klass-queries-first-walk " + metadata.saKlassQueries());
            o.println("walk-objects " + result.objects());
            o.println("walk-bytes " + result.bytes());
            o.println("walk-skipped " + result.skippedBytes());
            o.println("walk-total " + result.walkedBytes());
            for (HeapDamage d : result.damage()) {
                o.printf("damage 0x%x %s %s %s%n", d.address(), d.reason(), d.stretchLabel().replace(' ', '_'),
                        d.detail().replace(' ', '_'));
            }
            HeapHistogram histo = counter.toHistogram(result);
            writeHisto(out.resolve("histo-walker.txt"), histo.rows().stream()
                    .map(r -> new long[] {r.klassAddress(), r.count(), r.bytes()}).toList(), metadata);
            writeLongs(out.resolve("objs-walker.bin"), recorder.objects());

            // Two threads must give the same histogram, rows and damage.
            HeapHistogram parallel = walker.histogram(2, HeapWalkProgress.NONE);
            o.println("parallel-identical " + (parallel.rows().equals(histo.rows())
                    && parallel.walk().equals(histo.walk())));
            ProgressCheck progress = new ProgressCheck();
            walker.walk((a, k, s) -> { }, progress);
            o.println("progress-ok " + progress.ok(walker.totalBytes()));

            checkObjectStarts(o, walker, recorder.addresses(), layout);
            o.println("klass-queries " + metadata.saKlassQueries());
            // Addresses that are not a Klass: empty, never an exception. An object, a klass's interior, its
            // unaligned address, nothing mapped, the VM's heap bounds.
            long someObject = recorder.addresses()[recorder.addresses().length / 2];
            long someKlass = histo.rows().get(0).klassAddress();
            long queriesBefore = metadata.saKlassQueries();
            boolean allEmpty = true;
            for (long bad : new long[] {0, 8, 0x10, someObject, someKlass + 8, someKlass + 4, layout.reservedStart(),
                    layout.reservedEnd(), -8}) {
                allEmpty &= metadata.klass(bad).isEmpty() && metadata.klass(bad).isEmpty();
            }
            o.println("invalid-klasses-empty " + allEmpty);
            o.println("invalid-klass-queries " + (metadata.saKlassQueries() - queriesBefore));
            o.println("histo-rows " + histo.size());

            long t4 = System.nanoTime();
            SaHeapIterationResult sa = SaHeapIteration.run(true);
            long t5 = System.nanoTime();
            o.println("sa-ms " + (t5 - t4) / 1_000_000);
            o.println("sa-objects " + sa.totalObjects());
            o.println("sa-bytes " + sa.totalBytes());
            List<long[]> saRows = sa.rows().stream().map(r -> new long[] {r.klass(), r.count(), r.bytes()}).toList();
            writeHisto(out.resolve("histo-sa.txt"), saRows, metadata);
            writeLongs(out.resolve("addrs-sa.bin"), sa.objectAddresses().orElseThrow());

            if (bench) {
                bench(o, walker, metadata);
            }
        }
        o.println("done");
    }

    private static void describe(PrintStream o, SaHeapLayout layout, Path out) throws IOException {
        o.println("vm " + layout.vmRelease());
        o.println("collector " + layout.collector());
        o.println("ranges " + layout.ranges().size());
        o.println("tlabs " + layout.tlabs().size());
        o.println("compressed-oops " + layout.compressedOops().enabled());
        o.println("compressed-klass " + layout.compressedClassPointers().enabled());
        o.println("compact-headers " + layout.compactHeaders());
        o.println("array-length-offset " + layout.arrayLengthOffset());
        o.println("mirror-oop-size-offset " + layout.mirrorOopSizeOffset());
        o.println("object-alignment " + layout.objectAlignment());
        o.println("region-size " + layout.regionSize());
        o.println("heap-capacity " + layout.heapCapacity());
        o.println("heap-used " + layout.heapUsed());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("ranges.txt")))) {
            for (SaHeapRange r : layout.ranges()) {
                w.printf("%x %x %x %s %d %s%n", r.bottom(), r.top(), r.end(), r.type(), r.regionIndex(), r.label());
            }
        }
    }

    private static void checkObjectStarts(PrintStream o, HeapWalker walker, long[] starts, SaHeapLayout layout) {
        long[] sorted = starts.clone();
        Arrays.sort(sorted);
        int checks = 0;
        int mismatches = 0;
        for (int i = 0; i < sorted.length; i += 37) {
            for (long a : new long[] {sorted[i], sorted[i] + layout.objectAlignment(), sorted[i] + 8}) {
                boolean expected = Arrays.binarySearch(sorted, a) >= 0;
                Optional<HeapObject> found = walker.objectAt(a);
                checks++;
                if (found.isPresent() != expected || walker.isObjectStart(a) != expected) {
                    mismatches++;
                }
            }
        }
        o.println("objectstart-checks " + checks);
        o.println("objectstart-mismatches " + mismatches);
    }

    private static void bench(PrintStream o, HeapWalker walker, SaHeapMetadata metadata) {
        for (int round = 0; round < 3; round++) {
            long a = System.nanoTime();
            HeapHistogram h1 = walker.histogram(1, HeapWalkProgress.NONE);
            long b = System.nanoTime();
            HeapHistogram h2 = walker.histogram(2, HeapWalkProgress.NONE);
            long c = System.nanoTime();
            o.printf("bench-walk round %d: 1 thread %d ms, 2 threads %d ms, %d objects%n", round,
                    (b - a) / 1_000_000, (c - b) / 1_000_000, h1.totalCount() + h2.totalCount() - h2.totalCount());
        }
        long a = System.nanoTime();
        SaHeapIterationResult sa = SaHeapIteration.run(false);
        long b = System.nanoTime();
        o.printf("bench-sa %d ms, %d objects%n", (b - a) / 1_000_000, sa.totalObjects());
    }

    private static void writeHisto(Path file, List<long[]> rows, SaHeapMetadata metadata) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            for (long[] r : rows) {
                String name = metadata.klass(r[0]).map(SaKlassInfo::name).orElse("?");
                String loader = metadata.klass(r[0]).map(SaKlassInfo::classLoaderName).orElse("?");
                w.printf("%x %d %d %s %s%n", r[0], r[1], r[2], name, loader.replace(' ', '_'));
            }
        }
    }

    private static void writeLongs(Path file, long[] values) throws IOException {
        try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (long v : values) {
                d.writeLong(v);
            }
        }
    }

    /** Every object as (address, klass, size). */
    private static final class AddressRecorder implements ObjectVisitor {
        private long[] objects = new long[3 << 16];
        private int n;

        @Override
        public void visit(long address, long klassAddress, long size) {
            if (n == objects.length) {
                objects = Arrays.copyOf(objects, n * 2);
            }
            objects[n++] = address;
            objects[n++] = klassAddress;
            objects[n++] = size;
        }

        long[] objects() {
            return Arrays.copyOf(objects, n);
        }

        long[] addresses() {
            long[] a = new long[n / 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = objects[3 * i];
            }
            return a;
        }
    }

    private static final class ProgressCheck implements HeapWalkProgress {
        private long last = -1;
        private boolean monotonic = true;
        private long total = -1;

        @Override
        public void progress(long bytesWalked, long bytesTotal) {
            monotonic &= bytesWalked >= last;
            last = bytesWalked;
            total = bytesTotal;
        }

        boolean ok(long expectedTotal) {
            return monotonic && last == expectedTotal && total == expectedTotal;
        }
    }
}
