package io.sashell.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.sashell.core.MemoryReader;
import io.sashell.heap.HeapHistogram;
import io.sashell.heap.HeapWalkProgress;
import io.sashell.heap.HeapWalkResult;
import io.sashell.heap.HeapWalker;
import io.sashell.sa.KlassCount;
import io.sashell.sa.KlassRef;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.ObjectRef;
import io.sashell.sa.SaClasses;
import io.sashell.sa.SaHeapIteration;
import io.sashell.sa.SaHeapMetadata;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaObjects;
import io.sashell.sa.SaZgcLayout;

/**
 * The heap questions of the shell's commands, answered by an engine: sa-shell's own walker over the core's
 * memory (SA gives only metadata), or SA's own iteration. Per-klass counts are computed once per engine and
 * kept: a core never changes. Collectors the walker does not know fall back to SA, with a note.
 */
public final class HeapQueries {
    /** Which code walks the heap. */
    public enum Engine {
        WALKER, SA
    }

    private final MemoryReader memory;
    private final HeapWalkProgress progress;
    private final int threads;
    private List<KlassRef> classes;
    private List<KlassCount> saCounts;
    private List<KlassCount> walkerCounts;
    /** The walk behind {@code walkerCounts} (its damage says what the core does not hold). */
    private HeapWalkResult walkerWalk;
    private SaHeapMetadata metadata;
    private HeapWalker walker;
    private String walkerProblem;

    /**
     * @param memory   the core's memory, or null to answer with SA only
     * @param progress told how far long walks got (a progress bar on a terminal)
     */
    public HeapQueries(MemoryReader memory, HeapWalkProgress progress) {
        this.memory = memory;
        this.progress = progress;
        this.threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Answers with SA only (no core memory at hand). */
    public HeapQueries() {
        this(null, HeapWalkProgress.NONE);
    }

    /** Every loaded class; one SA pass over the class loader data graph, then cached. */
    public List<KlassRef> classes() {
        if (classes == null) {
            classes = List.copyOf(SaClasses.all());
        }
        return classes;
    }

    public List<String> classNames() {
        return classes().stream().map(KlassRef::name).distinct().sorted().toList();
    }

    /** The walker for this core, or empty with {@link #walkerProblem} saying why SA must answer instead. */
    public Optional<HeapWalker> walker() {
        if (walker == null && walkerProblem == null) {
            if (memory == null) {
                walkerProblem = "no core memory at hand";
            } else {
                metadata = SaHeapMetadata.ofAttachedVm();
                if (HeapWalker.supports(metadata.layout())) {
                    walker = new HeapWalker(memory, metadata.layout(), metadata::klass);
                } else {
                    walkerProblem = "sa-shell's walker does not know the " + metadata.layout().collector()
                            + " heap yet; SA's own iteration answers";
                }
            }
        }
        return Optional.ofNullable(walker);
    }

    /** The core's memory, or null when only SA answers. */
    public MemoryReader memory() {
        return memory;
    }

    /** Where long walks report how far they got. */
    public HeapWalkProgress progress() {
        return progress;
    }

    /** The metadata of a klass as the walker knows it (cached); empty without a walker or for non-klasses. */
    public Optional<SaKlassInfo> klassInfo(long klass) {
        return walker().isPresent() ? metadata.klass(klass) : Optional.empty();
    }

    /** SA's heap metadata (layout, classes) once {@link #walker()} found the walker usable, else empty. */
    public Optional<SaHeapMetadata> metadata() {
        return walker().map(w -> metadata);
    }

    /** The heap's spaces summed by kind (empty where the walker does not know the collector). */
    public List<SpaceUse> spaces() {
        return walker().map(w -> HeapLayoutSummary.of(w.layout())).orElse(List.of());
    }

    /** G1's region size, 0 for other collectors or when unknown. */
    public long regionSize() {
        return walker().map(w -> w.layout().regionSize()).orElse(0L);
    }

    /**
     * On generational ZGC, pages being relocated when the core was taken hold objects that may also have been
     * copied elsewhere: counted once when the forwarding tables say which, else said to be uncertain. Empty when
     * there are none (or not ZGC).
     */
    /** True when the walker reads generational ZGC's pages. */
    public boolean zgcPages() {
        return walker().isPresent() && walker.layout().zgcPages();
    }

    public Optional<String> zgcRelocationNote() {
        if (walker().isEmpty() || !walker.layout().zgcPages()) {
            return Optional.empty();
        }
        SaZgcLayout z = walker.layout().zgc();
        if (z.relocatingPages() < 0) {
            return Optional.of("ZGC's relocation state could not be read: if the core was taken while ZGC "
                    + "relocated, objects of the pages being relocated may be counted twice");
        }
        if (z.relocatingPages() == 0) {
            return Optional.empty();
        }
        if (z.forwardings().tables()) {
            return Optional.of(String.format("ZGC was relocating when the core was taken: %d pages (%d bytes in "
                    + "use) of its relocation set were not yet released; %d objects already copied from them are "
                    + "counted once, at their new address (found in ZGC's forwarding tables)",
                    z.relocatingPages(), z.relocatingBytes(), z.forwardings().staleCopyCount()));
        }
        return Optional.of(String.format("ZGC was relocating when the core was taken: %d pages (%d bytes in use) "
                + "of its relocation set were not yet released; objects on them that were already copied to "
                + "other pages are counted twice (uncertain: up to %d bytes)",
                z.relocatingPages(), z.relocatingBytes(), z.relocatingBytes()));
    }

    public String walkerProblem() {
        return walkerProblem == null ? "" : walkerProblem;
    }

    public HistogramResult histogram(String pattern, Histogram.Sort sort, long limit, Engine engine) {
        Engine used = engine == Engine.WALKER && walker().isEmpty() ? Engine.SA : engine;
        List<String> notes = new ArrayList<>();
        if (used != engine) {
            notes.add(walkerProblem());
        }
        HistogramResult r = Histogram.of(counts(used), pattern, sort, limit, used.name().toLowerCase(Locale.ROOT));
        if (used == Engine.WALKER) {
            zgcRelocationNote().ifPresent(notes::add);
            walkerWalk.missingMemoryNote().ifPresent(notes::add);
        }
        return new HistogramResult(r.rows(), r.matchedClasses(), r.totalCount(), r.totalBytes(), r.engine(),
                r.pattern(), notes);
    }

    private List<KlassCount> counts(Engine engine) {
        if (engine == Engine.SA) {
            if (saCounts == null) {
                saCounts = SaHeapIteration.run(false).rows();
            }
            return saCounts;
        }
        if (walkerCounts == null) {
            HeapHistogram h = walker().orElseThrow().histogram(threads, progress);
            walkerWalk = h.walk();
            List<KlassCount> out = new ArrayList<>(h.size());
            for (HeapHistogram.Row row : h.rows()) {
                Optional<SaKlassInfo> k = metadata.klass(row.klassAddress());
                out.add(new KlassCount(row.klassAddress(), k.map(SaKlassInfo::name).orElse("<unknown klass>"),
                        k.map(SaKlassInfo::classLoader).orElse(0L),
                        k.map(SaKlassInfo::classLoaderName).orElse("?"), row.count(), row.bytes()));
            }
            walkerCounts = List.copyOf(out);
        }
        return walkerCounts;
    }

    /**
     * Instances of the class named {@code name} (every loader's class of that name), with subclasses when
     * asked. An unknown name is a {@link UnknownClassException} carrying close names.
     */
    public InstancesResult instances(String name, boolean subclasses, long limit, Engine engine) {
        List<KlassRef> all = classes();
        Set<Long> selected = new HashSet<>();
        for (KlassRef k : all) {
            if (k.name().equals(name)) {
                selected.add(k.klass());
            }
        }
        if (selected.isEmpty()) {
            throw new UnknownClassException(name, ClassNames.suggest(name, classNames(), 5));
        }
        if (subclasses) {
            Map<Long, Long> parent = all.stream()
                    .collect(Collectors.toMap(KlassRef::klass, KlassRef::superKlass, (a, b) -> a));
            for (KlassRef k : all) {
                if (isSubclass(k.klass(), selected, parent)) {
                    selected.add(k.klass());
                }
            }
        }
        List<ObjectRef> objects;
        if (engine == Engine.WALKER && walker().isPresent()) {
            List<ObjectRef> found = new ArrayList<>();
            walker.walk((address, klass, size) -> {
                if (selected.contains(klass)) {
                    found.add(new ObjectRef(address, klass, size));
                }
            }, progress);
            objects = found;
        } else {
            objects = SaClasses.instances(selected);
        }
        objects.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        long bytes = 0;
        for (ObjectRef o : objects) {
            bytes += o.size();
        }
        List<String> names = new ArrayList<>();
        for (KlassRef k : all) {
            if (selected.contains(k.klass())) {
                names.add(k.name());
            }
        }
        List<ObjectRef> shown = limit >= 0 && limit < objects.size() ? objects.subList(0, (int) limit) : objects;
        return new InstancesResult(name, names.stream().distinct().sorted().toList(), shown, objects.size(), bytes);
    }

    /**
     * The object at {@code address} with its fields. Addresses outside the heap, and addresses inside the heap
     * where no object starts (as the walker decides), are an {@link IllegalArgumentException} of one line.
     */
    public ObjectFacts inspect(long address, int depth, int elements) {
        if (walker().isPresent() && walker.layout().zgcPages()) {
            // SA cannot read objects on generational ZGC: fields come from the core's memory.
            MemoryObjects objects = new MemoryObjects(memory, walker, metadata::klass);
            if (!objects.inHeap(address)) {
                throw new IllegalArgumentException(String.format("0x%x is not in the Java heap", address));
            }
            return objects.inspect(address, depth, elements);
        }
        if (!SaObjects.inHeap(address)) {
            throw new IllegalArgumentException(String.format("0x%x is not in the Java heap", address));
        }
        if (walker().isPresent() && !walker.isObjectStart(address)) {
            throw new IllegalArgumentException(String.format("no object starts at 0x%x", address));
        }
        return SaObjects.inspect(address, depth, elements);
    }

    private static boolean isSubclass(long klass, Set<Long> of, Map<Long, Long> parent) {
        Long k = parent.get(klass);
        int guard = 0;
        while (k != null && k != 0 && guard++ < 1000) {
            if (of.contains(k)) {
                return true;
            }
            k = parent.get(k);
        }
        return false;
    }
}
