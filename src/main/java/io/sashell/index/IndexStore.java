package io.sashell.index;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Supplier;

import io.sashell.core.MemoryReader;

/**
 * Where indexes are kept: a directory (the cache, or {@code --index DIR}) with one file per core, named by
 * the core's identity; or nowhere ({@code --no-index}: built into an unlinked file, gone with the process).
 * A file that is not a whole index of this core in this format is never used: it is deleted and rebuilt.
 * The cache ({@link #cache}) keeps under a size and count limit: opening an index evicts the least recently
 * used others that no session holds open.
 */
public final class IndexStore {
    private final Path dir;
    private final Path scratchDir;
    /** For the cache, the limits that opening an index enforces; null for a directory the user named. */
    private final IndexCache.Limits limits;

    private IndexStore(Path dir, Path scratchDir, IndexCache.Limits limits) {
        this.dir = dir;
        this.scratchDir = Objects.requireNonNull(scratchDir, "scratchDir");
        this.limits = limits;
    }

    /**
     * Indexes kept in {@code dir} (which must exist; it should be private to the user: mode 0700), as many as
     * there are cores.
     */
    public static IndexStore in(Path dir) {
        return new IndexStore(dir, dir, null);
    }

    /** Indexes kept in the cache directory {@code dir}, at most {@link IndexCache#DEFAULT} of them. */
    public static IndexStore cache(Path dir) {
        return new IndexStore(dir, dir, IndexCache.DEFAULT);
    }

    /** Indexes kept in the cache directory {@code dir}, at most {@code limits} of them. */
    static IndexStore cache(Path dir, IndexCache.Limits limits) {
        return new IndexStore(dir, dir, Objects.requireNonNull(limits, "limits"));
    }

    /** Indexes kept nowhere: built into unlinked files in {@code scratchDir}. */
    public static IndexStore none(Path scratchDir) {
        return new IndexStore(null, scratchDir, null);
    }

    public boolean persistent() {
        return dir != null;
    }

    /** The file that holds (or will hold) the index of the core {@code identity}. */
    public Path fileFor(CoreIdentity identity) {
        if (dir == null) {
            throw new IllegalStateException("indexes are not kept on disk");
        }
        return dir.resolve("sa-shell-" + identity.key() + ".index");
    }

    /**
     * How an index came to be open.
     *
     * @param built     true when it was built now, false when read from the file
     * @param rejection why an existing file was not used (empty when there was none, or it was used)
     * @param millis    time to open or build it
     */
    public record Opened(HeapIndex index, boolean built, String rejection, long millis) {
    }

    /**
     * The index of the core {@code identity}: read from its file when that is a whole index of this core in
     * this format, else built ({@code inputs} is asked only then) and kept.
     *
     * @throws java.util.concurrent.CancellationException when the build is cancelled
     */
    public Opened open(CoreIdentity identity, MemoryReader memory, Supplier<HeapIndexBuilder.Inputs> inputs,
                       IndexProgress progress, int threads) throws IOException {
        long t0 = System.nanoTime();
        String rejection = "";
        Path file = dir == null ? null : fileFor(identity);
        if (file != null && Files.isRegularFile(file)) {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            try {
                HeapIndex index = HeapIndex.open(file, ch, identity, memory);
                kept(file, index);
                return new Opened(index, false, "", (System.nanoTime() - t0) / 1_000_000);
            } catch (IndexHeader.Rejected e) {
                ch.close();
                rejection = e.getMessage();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                ch.close();
                throw HeapIndexBuilder.cancelledOr(e);
            } catch (RuntimeException e) {
                ch.close();
                throw e;
            }
        }
        HeapIndex index = HeapIndexBuilder.build(inputs.get(), file, scratchDir, progress, threads);
        if (file != null) {
            kept(file, index);
        }
        return new Opened(index, true, rejection, (System.nanoTime() - t0) / 1_000_000);
    }

    /** An index kept on disk is now in use; in the cache, the least recently used others may go. */
    private void kept(Path file, HeapIndex index) {
        IndexCache.markInUse(file, index.channel());
        if (limits != null) {
            IndexCache.evict(dir, file, limits);
        }
    }
}
