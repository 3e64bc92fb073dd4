package io.sashell.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import io.sashell.core.MemoryReader;
import io.sashell.heap.HeapWalkProgress;
import io.sashell.index.IndexHeader.Section;
import io.sashell.index.IndexHeader.SectionInfo;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

/**
 * What the passes of one build share: the inputs, the output file and its sections, and the arrays each pass
 * leaves for the next ({@link HeapIndexBuilder} runs them in order, on one thread apart from their own workers).
 */
final class BuildState {
    /** Ids per group of a packed array whose words no other group shares. */
    static final int GROUP = 64;
    static final int PAGE_SHIFT = 30;

    final HeapIndexBuilder.Inputs in;
    final IndexProgress progress;
    final int threads;
    final RegionFile out;
    final RegionFile scratch;
    final Path scratchDir;
    final MemoryReader memory;
    final OopDecoder oops;
    final int addressShift;
    final Map<Section, SectionInfo> sections = new EnumMap<>(Section.class);
    final List<String> problems = new ArrayList<>();

    // Objects (ObjectCount, ObjectFill)
    int n;
    long addressBase;
    int bucketShift;
    PackedArray addresses;
    PackedArray klassIds;
    PackedArray sizes;
    AddressIndex addressIndex;
    final List<KlassMeta> metas = new ArrayList<>();
    final LongIntMap klassIndexes = new LongIntMap();
    /** Ids of every mirror on the heap, ascending. */
    final List<Integer> mirrorObjects = new ArrayList<>();

    // Mirrors (MirrorPass)
    final List<Blobs.Mirror> mirrors = new ArrayList<>();
    /** Mirror id → klass index of the class it stands for; -1 for primitive mirrors. */
    final Map<Integer, Integer> mirrorKlass = new HashMap<>();
    /** Loader id → ids of the mirrors of the classes it defined. */
    final Map<Integer, int[]> definedBy = new HashMap<>();

    // Edges (EdgePass, EdgeInversion)
    /** Per id, scratch: the outbound count, then the inversion's cursor, then the walk's queue. */
    IntStore scratchInts;
    PackedArray outOffsets;
    PackedArray outTargets;
    long edgeCount;
    /** Referent edges as (source << 32 | target), sorted by source. */
    long[] weakPairs = new long[0];

    // Roots (RootPass)
    final List<IndexedRoot> roots = new ArrayList<>();

    BuildState(HeapIndexBuilder.Inputs in, IndexProgress progress, int threads, RegionFile out, RegionFile scratch,
               Path scratchDir) {
        this.in = in;
        this.progress = progress;
        this.threads = Math.max(1, threads);
        this.out = out;
        this.scratch = scratch;
        this.scratchDir = scratchDir;
        this.memory = in.memory();
        SaHeapLayout layout = in.layout();
        this.oops = OopDecoder.of(layout);
        this.addressShift = Integer.numberOfTrailingZeros(layout.objectAlignment());
    }

    /** The klass index of a class, added (with its reference type) when first seen. */
    int addMeta(SaKlassInfo info) {
        int known = klassIndexes.get(info.address());
        if (known >= 0) {
            return known;
        }
        metas.add(new KlassMeta(info.address(), info, referenceType(info)));
        int k = metas.size() - 1;
        klassIndexes.put(info.address(), k);
        return k;
    }

    private ReferenceType referenceType(SaKlassInfo info) {
        if (info.kind() != SaKlassKind.REFERENCE) {
            return ReferenceType.NONE;
        }
        SaKlassInfo k = info;
        for (int depth = 0; k != null && depth < 64; depth++) {
            ReferenceType t = ReferenceType.ofBaseClass(k.name());
            if (t != ReferenceType.NONE) {
                return t;
            }
            k = k.superKlass() == 0 ? null : in.klasses().apply(k.superKlass()).orElse(null);
        }
        // A Reference subclass of none of the four bases is weak to the GC's eye (as Reference itself).
        return ReferenceType.WEAK;
    }

    /** A packed array section of the index file. */
    PackedArray packed(Section s, long length, int bits) throws IOException {
        long bytes = Math.max(8, PackedArray.bytesFor(length, bits));
        RegionFile.Region r = out.allocate(bytes);
        sections.put(s, new SectionInfo(r.offset(), bytes, length, bits));
        return new PackedArray(r.pages(), 0, length, bits);
    }

    /** A section of the index file holding {@code bytes} as they are. */
    void blob(Section s, byte[] bytes) throws IOException {
        long offset = out.end();
        RegionFile.Region r = out.allocate(bytes.length);
        r.pages().put(0, bytes, 0, bytes.length);
        sections.put(s, new SectionInfo(offset, bytes.length, 0, 0));
    }

    HeapWalkProgress bytes(String phase) {
        return (walked, total) -> progress.progress(phase, walked, total);
    }

    void problem(String line) {
        problems.add(line);
    }

    static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("index build cancelled");
        }
    }
}
