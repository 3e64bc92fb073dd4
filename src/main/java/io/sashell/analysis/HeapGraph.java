package io.sashell.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.sashell.core.MemoryReader;
import io.sashell.index.CoreIdentity;
import io.sashell.index.HeapIndex;
import io.sashell.index.HeapIndexBuilder;
import io.sashell.index.IndexProgress;
import io.sashell.index.IndexStore;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaHeapMetadata;

/**
 * The heap graph index of the open core, read from its store or built on first use (then kept for the
 * session). The build needs sa-shell's walker (so Serial, Parallel, G1 or Epsilon heaps) and the GC roots.
 */
public final class HeapGraph {
    private final HeapQueries heap;
    private final Supplier<CoreIdentity> identitySource;
    private CoreIdentity identity;
    private final MemoryReader memory;
    private final IndexStore store;
    private final Supplier<RootSet> roots;
    private final IndexProgress progress;
    private final int threads;
    private IndexStore.Opened opened;
    private DominatorTree dominators;

    /**
     * @param heap     the session's heap queries (their SA metadata is shared with the build)
     * @param identity the core's identity, which names and checks its index file
     * @param roots    asked for the GC roots only when the index is built
     */
    public HeapGraph(HeapQueries heap, CoreIdentity identity, MemoryReader memory, IndexStore store,
                     Supplier<RootSet> roots, IndexProgress progress) {
        this(heap, memory, store, roots, progress, constant(Objects.requireNonNull(identity, "identity")));
    }

    private static Supplier<CoreIdentity> constant(CoreIdentity identity) {
        return () -> identity;
    }

    /**
     * @param identity asked for the core's identity when the index is first needed (it digests the core's notes,
     *     work a session that never uses the index need not do)
     */
    public HeapGraph(HeapQueries heap, MemoryReader memory, IndexStore store, Supplier<RootSet> roots,
                     IndexProgress progress, Supplier<CoreIdentity> identity) {
        this.heap = Objects.requireNonNull(heap, "heap");
        this.identitySource = Objects.requireNonNull(identity, "identity");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.store = Objects.requireNonNull(store, "store");
        this.roots = Objects.requireNonNull(roots, "roots");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The index: one read of its file, or a build (seconds for millions of objects) the first time.
     *
     * @throws IllegalArgumentException when the heap cannot be indexed (a collector the walker does not know)
     * @throws UncheckedIOException     when the index file cannot be written or read
     * @throws java.util.concurrent.CancellationException when the build is cancelled (nothing is kept)
     */
    public synchronized HeapIndex index() {
        if (opened == null) {
            try {
                opened = store.open(identity(), memory, this::inputs, progress, threads);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the index: " + e.getMessage(), e);
            }
        }
        return opened.index();
    }

    /**
     * The dominator tree and retained sizes of the index's graph: read from the file kept beside the index
     * ({@code .dominators}, valid only for that index file) or computed now and kept there.
     *
     * @throws java.util.concurrent.CancellationException when the computation is cancelled (nothing is kept)
     */
    public synchronized DominatorTree dominators() {
        if (dominators == null) {
            HeapIndex index = index();
            Path file = index.file().map(f -> f.resolveSibling(f.getFileName().toString()
                    .replaceFirst("\\.index$", "") + ".dominators")).orElse(null);
            try {
                long length = file == null ? 0 : Files.size(index.file().get());
                long modified = file == null ? 0 : Files.getLastModifiedTime(index.file().get()).toMillis();
                DominatorTree t = file == null ? null : DominatorTree.read(file, index.objectCount(), length,
                        modified);
                if (t == null) {
                    t = DominatorTree.compute(index, progress);
                    if (file != null && store.persistent()) {
                        t.write(file, length, modified);
                    }
                }
                dominators = t;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the dominator tree: " + e.getMessage(), e);
            }
        }
        return dominators;
    }

    /** Strings by content: what {@code strings} shows. Cost: one read of every String's array. */
    public StringsResult strings(String pattern, boolean dups, long limit) {
        HeapIndex index = index();
        SaHeapMetadata md = heap.metadata().orElseThrow(() -> new IllegalArgumentException(
                "cannot read strings: " + heap.walkerProblem()));
        long coder = -1;
        int base = -1;
        for (var k : index.klasses()) {
            if (k.name().equals("java.lang.String") && k.loader() == 0) {
                coder = md.klass(k.address()).flatMap(i -> i.instanceFields().stream()
                        .filter(f -> f.name().equals("coder")).findFirst()).map(f -> f.offset()).orElse(-1L);
            }
            if ((k.name().equals("byte[]") || k.name().equals("char[]")) && base < 0) {
                base = md.klass(k.address()).map(i -> (i.layoutHelper() >> 16) & 0xFF).orElse(-1);
            }
        }
        if (base < 0) {
            throw new IllegalArgumentException("cannot read strings: no byte[] class on this heap");
        }
        return Strings.of(index, memory, new Strings.Layout(coder, base, md.layout().arrayLengthOffset()), pattern,
                dups, limit);
    }

    /** How the index came to be open, once {@link #index()} has been called. */
    public synchronized Optional<IndexStore.Opened> opened() {
        return Optional.ofNullable(opened);
    }

    /** What {@code index} shows: opens or builds the index first. */
    public IndexInfoResult info() {
        HeapIndex index = index();
        IndexStore.Opened o = opened().orElseThrow();
        long fileBytes = index.header().fileLength();
        long live = 0;
        for (var k : index.klasses()) {
            live += k.liveCount();
        }
        return new IndexInfoResult(index.file().map(Object::toString).orElse(""), fileBytes, o.built(),
                o.rejection(), o.millis(), index.header().buildMillis(), index.objectCount(), index.edgeCount(),
                index.weakEdgeCount(), index.roots().size(), index.klasses().size(), live, index.problems());
    }

    public IndexStore store() {
        return store;
    }

    public synchronized CoreIdentity identity() {
        if (identity == null) {
            identity = Objects.requireNonNull(identitySource.get(), "identity");
        }
        return identity;
    }

    private HeapIndexBuilder.Inputs inputs() {
        SaHeapMetadata md = heap.metadata().orElseThrow(() -> new IllegalArgumentException(
                "cannot index this heap: " + heap.walkerProblem()));
        return new HeapIndexBuilder.Inputs(identity(), memory, md.layout(), md::klass, roots.get());
    }
}
