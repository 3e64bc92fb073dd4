package io.sashell.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import io.sashell.core.ElfCore;
import io.sashell.core.LoadSegment;
import io.sashell.core.MappedFile;
import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;

/**
 * Plans what redaction zeroes outside the Java heap.
 *
 * <p>Both levels: the main stack's top from the auxiliary vector's random bytes up (argument, environment
 * and exec-path strings), every copy elsewhere in anonymous memory of those strings and of their values
 * ({@link CommandLineStrings}, {@link NeedleSearch}), each thread's stack below its stack pointer (less the
 * 128-byte red zone), the memory of direct buffers, and the hsperfdata mapping (it holds the command line and
 * the JVM's flags as perf counters; SA does not read it).
 *
 * <p>{@code full} also zeroes, in writable memory outside the Java heap, everything SA did not read while
 * redaction ran sa-shell's questions over the core ({@code needed}: pages SA's cache fetched, plus what
 * libsaproc reads in C while attaching, {@link LinkMap}), with these rules, found by recording SA's reads on
 * cores of JDK 17 and 25 (SECURITY.md lists them):
 * <ul>
 * <li>malloc heaps ({@link MallocHeaps}): only the pages SA read stay (the VM's C++ objects: threads, the
 * heap's and GC's bookkeeping, class loader data, symbols);</li>
 * <li>other anonymous memory (metaspace, class space, code cache, GC side tables, glibc's cache of dead
 * thread stacks, large malloc blocks): a segment stays whole when SA read any page of it, else it is zeroed;</li>
 * <li>writable file mappings: libjvm.so's data, the dynamic linker's, the executable's, the CDS archive, and
 * the anonymous {@code .bss} right after each of them stay (SA reads them while attaching, before recording
 * starts); other libraries' data and mapped data files are zeroed unless SA read them;</li>
 * <li>thread stacks above the stack pointer stay (frames).</li>
 * </ul>
 */
final class NativeScrubber {
    private static final Pattern PERF_DATA = Pattern.compile(".*/hsperfdata_[^/]+/[0-9]+");
    private static final long RED_ZONE = 128;
    private static final long PAGE = 4096;
    private static final int PIECE = 4 << 20;
    private static final long AT_PLATFORM = 15;
    private static final long AT_BASE_PLATFORM = 24;
    private static final long AT_RANDOM = 25;

    /** What the native plan found, for the report. */
    record Result(int threads, int needles, long commandLineCopies, int buffers, int mallocHeaps,
                  boolean mainStackFound, List<byte[]> needleBytes) {
    }

    private final ElfCore elf;
    private final MemoryReader memory;
    private final FileLayout file;
    private final long heapStart;
    private final long heapEnd;
    private final List<ThreadRegisters> threads;

    NativeScrubber(ElfCore elf, MemoryReader memory, FileLayout file, long heapStart, long heapEnd,
                   List<ThreadRegisters> threads) {
        this.elf = elf;
        this.memory = memory;
        this.file = file;
        this.heapStart = heapStart;
        this.heapEnd = heapEnd;
        this.threads = List.copyOf(threads);
    }

    /**
     * @param buffers direct buffers found in the heap
     * @param needed  sorted page base addresses SA read (full only; null for basic)
     * @param threadNames the Java threads' names (heap strings; the Flight Recorder's buffers hold copies)
     */
    Result plan(RedactLevel level, List<HeapScrubber.NativeBuffer> buffers, long[] needed, List<String> threadNames,
                ZeroRanges out) {
        // The main stack's strings: read them for the search before planning them away.
        Optional<LoadSegment> mainStack = mainStackSegment();
        List<byte[]> strings = new ArrayList<>();
        long stringsZeroFrom = Long.MAX_VALUE;
        if (mainStack.isPresent()) {
            long from = stringsStart(mainStack.get());
            long to = mainStack.get().vaddr() + file.readableSize(mainStack.get());
            long zeroFrom = lowestProcessString(mainStack.get()).orElse(from);
            if (to > from) {
                strings.addAll(CommandLineStrings.split(read(from, (int) Math.min(to - from, 1 << 24))));
            }
            file.addMemory(zeroFrom, mainStack.get().end(), RegionKind.PROCESS_STRINGS, out, false);
            stringsZeroFrom = zeroFrom;
        }
        List<byte[]> needles = new ArrayList<>(CommandLineStrings.needles(strings));
        for (String t : threadNames) {
            // Native C-string copies of thread names (the Flight Recorder's, the VM's) besides the heap's.
            byte[] b = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (b.length >= CommandLineStrings.MIN_LENGTH && needles.stream().noneMatch(n -> Arrays.equals(n, b))) {
                needles.add(b);
            }
        }
        long copies = 0;
        // One pass finds both the C-string copies and the Flight Recorder's framed copies.
        NeedleSearch search = new NeedleSearch(needles, JfrStrings.forms(needles, threadNames));
        int mallocHeaps = 0;
        List<Interval> keep = needed == null ? List.of() : neededIntervals(withAttachStrings(needed));
        for (LoadSegment s : file.segments()) {
            long readable = file.readableSize(s);
            if (readable <= 0 || !s.isWritable() || inJavaHeap(s)) {
                continue;
            }
            Optional<MappedFile> mapped = elf.mappedFileAt(s.vaddr());
            if (mapped.isPresent()) {
                if (PERF_DATA.matcher(mapped.get().filePath()).matches()) {
                    file.addMemory(s.vaddr(), s.end(), RegionKind.PERF_DATA, out, false);
                } else if (level == RedactLevel.FULL && !keepsFileData(mapped.get()) && !touched(keep, s)) {
                    file.addMemory(s.vaddr(), s.end(), RegionKind.NATIVE_UNREAD, out, false);
                }
                continue;
            }
            if (!search.isEmpty()) {
                // The main stack's strings are the originals, zeroed above: search below them only.
                long searchTo = s.contains(stringsZeroFrom) ? stringsZeroFrom : s.vaddr() + readable;
                copies += search(search, s.vaddr(), Math.min(searchTo, s.vaddr() + readable), out);
            }
            OptionalLong sp = stackPointerIn(s);
            if (sp.isPresent()) {
                file.addMemory(s.vaddr(), sp.getAsLong() - RED_ZONE, RegionKind.DEAD_STACK, out, false);
                continue;
            }
            if (level != RedactLevel.FULL || isBssOfKeptFile(s)) {
                continue;
            }
            if (MallocHeaps.isMallocHeap(memory, s.vaddr(), readable)) {
                mallocHeaps++;
                zeroUntouchedPages(s, keep, out);
            } else if (!touched(keep, s)) {
                file.addMemory(s.vaddr(), s.end(), RegionKind.NATIVE_UNREAD, out, false);
            }
        }
        for (HeapScrubber.NativeBuffer b : buffers) {
            if (b.address() >= heapEnd || b.address() + b.length() <= heapStart) {
                file.addMemory(b.address(), b.address() + b.length(), RegionKind.DIRECT_BUFFERS, out, true);
            }
        }
        return new Result(threads.size(), needles.size(), copies, buffers.size(), mallocHeaps, mainStack.isPresent(),
                needles);
    }

    private boolean inJavaHeap(LoadSegment s) {
        return s.vaddr() < heapEnd && s.end() > heapStart;
    }

    private OptionalLong stackPointerIn(LoadSegment s) {
        for (ThreadRegisters t : threads) {
            if (s.contains(t.rsp())) {
                return OptionalLong.of(t.rsp());
            }
        }
        return OptionalLong.empty();
    }

    /** The segment holding the auxiliary vector's strings: the main thread's stack top. */
    private Optional<LoadSegment> mainStackSegment() {
        for (long type : new long[] {ElfCore.AT_EXECFN, AT_RANDOM, AT_PLATFORM}) {
            OptionalLong a = elf.auxv(type);
            if (a.isPresent() && a.getAsLong() != 0) {
                Optional<LoadSegment> s = file.segmentAt(a.getAsLong());
                if (s.isPresent() && s.get().isWritable() && elf.mappedFileAt(a.getAsLong()).isEmpty()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The kernel lays out the stack top, upwards: AT_RANDOM's 16 bytes, the platform strings, padding, then
     * the argument and environment strings and the exec path. The lowest of the auxv pointers into the
     * segment starts what is zeroed.
     */
    private OptionalLong lowestProcessString(LoadSegment stack) {
        long lowest = Long.MAX_VALUE;
        for (long type : new long[] {AT_RANDOM, AT_PLATFORM, AT_BASE_PLATFORM, ElfCore.AT_EXECFN}) {
            OptionalLong a = elf.auxv(type);
            if (a.isPresent() && stack.contains(a.getAsLong())) {
                lowest = Math.min(lowest, a.getAsLong());
            }
        }
        return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /** Where the argument strings may start: past the random bytes and the platform strings. */
    private long stringsStart(LoadSegment stack) {
        long from = stack.vaddr();
        OptionalLong random = elf.auxv(AT_RANDOM);
        if (random.isPresent() && stack.contains(random.getAsLong())) {
            from = Math.max(from, random.getAsLong() + 16);
        }
        for (long type : new long[] {AT_PLATFORM, AT_BASE_PLATFORM}) {
            OptionalLong a = elf.auxv(type);
            if (a.isPresent() && stack.contains(a.getAsLong())) {
                try {
                    long e = a.getAsLong();
                    while (memory.readByte(e) != 0) {
                        e++;
                    }
                    from = Math.max(from, e + 1);
                } catch (UnreadableMemoryException e) {
                    // The string runs off the core: start after its first byte.
                    from = Math.max(from, a.getAsLong() + 1);
                }
            }
        }
        if (from == stack.vaddr()) {
            // No auxv pointer into this segment: take the strings below the exec path's page.
            OptionalLong execfn = elf.auxv(ElfCore.AT_EXECFN);
            if (execfn.isPresent()) {
                from = Math.max(stack.vaddr(), execfn.getAsLong() - (128 << 10));
            }
        }
        return from;
    }

    private byte[] read(long address, int length) {
        byte[] b = new byte[length];
        try {
            memory.read(address, b, 0, length);
        } catch (UnreadableMemoryException e) {
            return new byte[0];
        }
        return b;
    }

    /** Zeroes the matches of {@code search} in [from, to); returns how many. */
    private long search(NeedleSearch search, long from, long to, ZeroRanges out) {
        return searchMemory(search, from, to, (at, length, exact) -> file.addMemory(at, at + length,
                exact ? RegionKind.RECORDER_STRINGS : RegionKind.COMMAND_LINE_COPIES, out, false));
    }

    /** Receives a match: its address and length, and whether an exact (framed) needle matched. */
    private interface MatchSink {
        void match(long address, int length, boolean exact);
    }

    /** Searches [from, to) piece by piece (pieces overlap so no match is cut); returns the matches found. */
    private long searchMemory(NeedleSearch search, long from, long to, MatchSink sink) {
        int overlap = search.maxLength() + 2;
        byte[] buf = new byte[PIECE + 2 * overlap];
        long found = 0;
        for (long a = from; a < to; a += PIECE) {
            long readFrom = Math.max(from, a - overlap);
            int length = (int) Math.min(to - readFrom, (long) PIECE + (a - readFrom) + overlap);
            memory.read(readFrom, buf, 0, length);
            int windowFrom = (int) (a - readFrom);
            int windowTo = (int) Math.min(windowFrom + (long) PIECE, length);
            byte[] block = length == buf.length ? buf : Arrays.copyOf(buf, length);
            for (NeedleSearch.Match m : search.find(block, windowFrom, windowTo)) {
                sink.match(readFrom + m.offset(), m.length(), m.exact());
                found++;
            }
        }
        return found;
    }

    /**
     * Adds the pages holding C strings libsaproc reads while attaching, before recording starts: the path of
     * the CDS archive ({@code Arguments::SharedArchivePath}, a malloc'd copy of a mapped {@code .jsa} file's
     * path), which it opens to map the archive's metadata. Found by zeroing candidates and attaching.
     */
    private long[] withAttachStrings(long[] needed) {
        List<byte[]> paths = new ArrayList<>();
        for (MappedFile f : elf.mappedFiles()) {
            if (f.filePath().endsWith(".jsa")) {
                paths.add(f.filePath().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (paths.isEmpty()) {
            return needed;
        }
        NeedleSearch search = new NeedleSearch(paths.stream().distinct().toList());
        ZeroRanges found = new ZeroRanges();
        for (LoadSegment s : file.segments()) {
            long readable = file.readableSize(s);
            if (readable > 0 && s.isWritable() && !inJavaHeap(s) && elf.mappedFileAt(s.vaddr()).isEmpty()) {
                searchMemory(search, s.vaddr(), s.vaddr() + readable, (at, length, exact) ->
                        found.add(at, at + length, RegionKind.NATIVE_UNREAD));
            }
        }
        List<long[]> ranges = new ArrayList<>();
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(found));
        for (int i = 0; i < d.count(); i++) {
            ranges.add(new long[] {d.starts()[i], d.ends()[i]});
        }
        return withLinkMap(needed, ranges);
    }

    /** Writable file data SA reads while attaching (before recording starts) or that describes the VM. */
    private boolean keepsFileData(MappedFile f) {
        String path = f.filePath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("libjvm.so") || name.startsWith("ld-linux") || name.endsWith(".jsa")
                || elf.executablePath().map(path::equals).orElse(false);
    }

    /** The anonymous segment right after libjvm's, the dynamic linker's or the executable's data: their .bss. */
    private boolean isBssOfKeptFile(LoadSegment s) {
        Optional<MappedFile> before = elf.mappedFileAt(s.vaddr() - 1);
        return before.isPresent() && keepsFileData(before.get());
    }

    private record Interval(long start, long end) {
    }

    private static List<Interval> neededIntervals(long[] pages) {
        List<Interval> out = new ArrayList<>();
        for (long p : pages) {
            long start = p & ~(PAGE - 1);
            if (!out.isEmpty() && out.get(out.size() - 1).end >= start) {
                Interval last = out.remove(out.size() - 1);
                out.add(new Interval(last.start, Math.max(last.end, start + PAGE)));
            } else {
                out.add(new Interval(start, start + PAGE));
            }
        }
        return out;
    }

    private static boolean touched(List<Interval> keep, LoadSegment s) {
        int i = firstEndingAfter(keep, s.vaddr());
        return i < keep.size() && keep.get(i).start < s.end();
    }

    private static int firstEndingAfter(List<Interval> keep, long address) {
        int lo = 0;
        int hi = keep.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keep.get(mid).end <= address) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void zeroUntouchedPages(LoadSegment s, List<Interval> keep, ZeroRanges out) {
        long a = s.vaddr();
        int i = firstEndingAfter(keep, a);
        while (a < s.end()) {
            if (i < keep.size() && keep.get(i).start <= a) {
                a = keep.get(i).end;
                i++;
                continue;
            }
            long e = i < keep.size() ? Math.min(s.end(), keep.get(i).start) : s.end();
            file.addMemory(a, e, RegionKind.NATIVE_UNREAD, out, false);
            a = e;
        }
    }

    /** Adds the link-map ranges to recorded pages: the pages full must keep. */
    static long[] withLinkMap(long[] pages, List<long[]> ranges) {
        List<Long> all = new ArrayList<>(pages.length + ranges.size() * 2);
        for (long p : pages) {
            all.add(p);
        }
        for (long[] r : ranges) {
            for (long p = r[0] & ~(PAGE - 1); p < r[1]; p += PAGE) {
                all.add(p);
            }
        }
        return all.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
    }
}
