package io.sashell.index;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.LongFunction;

import io.sashell.core.MemoryReader;
import io.sashell.heap.HeapWalker;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassInfo;

/**
 * Builds a {@link HeapIndex} file in passes over the heap, with the arrays in memory-mapped files:
 * <ol>
 * <li>{@link ObjectCount}: a parallel walk counts objects per class (sizes the arrays);</li>
 * <li>{@link ObjectFill}: a second fills id → address, class, size, and the address index;</li>
 * <li>{@link MirrorPass}: the mirrors are matched to the classes they stand for (their static fields, their
 * loaders);</li>
 * <li>{@link EdgePass}: a parallel pass reads every object's reference fields, resolves each to an id (a
 * dangling pointer is dropped and counted) and keeps each target once per source: the outbound arrays;
 * referents go apart;</li>
 * <li>{@link EdgeInversion}: the outbound arrays are inverted into the inbound ones;</li>
 * <li>{@link RootPass}: the roots are resolved, thread stacks scanned conservatively where asked;</li>
 * <li>{@link LivePass}: a breadth-first walk from them gives every object its parent on a shortest path, and
 * the live totals per class;</li>
 * <li>{@link IteratorPass}: on generational ZGC, what the JVM's own heap iteration visits, per class;</li>
 * <li>{@link IndexWriter}: the tables and the header.</li>
 * </ol>
 * A raw reference becomes an address in one place, {@link OopDecoder}.
 * The file is written under a temporary name and renamed when whole: a cancelled or failed build leaves
 * nothing that is later trusted. Scratch arrays live in an unlinked file next to it.
 */
public final class HeapIndexBuilder {

    /** What a build reads: the core's memory and identity, the heap's layout and classes, and the roots. */
    public record Inputs(CoreIdentity identity, MemoryReader memory, SaHeapLayout layout,
                         LongFunction<Optional<SaKlassInfo>> klasses, RootSet roots) {
        public Inputs {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(memory, "memory");
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(klasses, "klasses");
            Objects.requireNonNull(roots, "roots");
        }
    }

    private HeapIndexBuilder() {
    }

    /**
     * Builds the index of a core into {@code file} (written as a temporary file beside it, renamed when whole),
     * or, when {@code file} is null, into a file in {@code scratchDir} that is unlinked at once and lives only
     * while the returned index is open. Scratch arrays go to an unlinked file in {@code scratchDir}.
     *
     * @throws CancellationException when the calling thread is interrupted (nothing is left behind)
     * @throws IOException           when the files cannot be written
     */
    public static HeapIndex build(Inputs in, Path file, Path scratchDir, IndexProgress progress, int threads)
            throws IOException {
        Path temp = null;
        RegionFile out;
        if (file == null) {
            out = RegionFile.anonymous(scratchDir, BuildState.PAGE_SHIFT, IndexHeader.RESERVED);
        } else {
            removeAbandonedTemporaries(file);
            temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temp);
            out = RegionFile.create(temp, BuildState.PAGE_SHIFT, IndexHeader.RESERVED);
        }
        boolean done = false;
        try (RegionFile scratch = RegionFile.anonymous(scratchDir, BuildState.PAGE_SHIFT, 0)) {
            long t0 = System.nanoTime();
            BuildState state = new BuildState(in, progress, threads, out, scratch, scratchDir);
            run(state);
            IndexWriter.writeHeader(state, System.nanoTime() - t0);
            out.finish();
            if (temp != null) {
                move(temp, file);
            }
            HeapIndex index = HeapIndex.open(file, out.channel(), in.identity(), in.memory());
            done = true;
            return index;
        } catch (IndexHeader.Rejected e) {
            throw new IllegalStateException("the index just written does not read back: " + e.getMessage(), e);
        } catch (IOException e) {
            throw cancelledOr(e);
        } finally {
            if (!done) {
                closeQuietly(out);
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /**
     * An interrupt closes the file channel an I/O call is in (ClosedByInterruptException, then
     * ClosedChannelException for the next call): that is a cancellation, not a failure to write.
     */
    static IOException cancelledOr(IOException e) {
        if (e instanceof java.nio.channels.ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            CancellationException c = new CancellationException("index build cancelled");
            c.initCause(e);
            throw c;
        }
        return e;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Temporary files of builds whose process is gone (killed mid-build) are removed. */
    private static void removeAbandonedTemporaries(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = "." + file.getFileName() + ".";
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp")) {
                    String pid = name.substring(prefix.length(), name.length() - 4);
                    try {
                        if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                            Files.deleteIfExists(p);
                        }
                    } catch (NumberFormatException e) {
                        // Not one of ours.
                    }
                }
            }
        } catch (IOException e) {
            // Leftovers only cost disk space; the build goes on.
        }
    }

    private static void closeQuietly(RegionFile f) {
        try {
            f.close();
        } catch (IOException e) {
            // Nothing to save: the file is being abandoned.
        }
    }

    /** The passes, in order; each leaves in the state what the next reads. */
    private static void run(BuildState s) throws IOException {
        HeapWalker walker = new HeapWalker(s.memory, s.in.layout(), s.in.klasses());
        long[] parts = ObjectCount.run(s, walker);
        ObjectFill.run(s, walker, parts);
        s.progress.progress("reading mirrors", 0, 1);
        MirrorPass.run(s);
        EdgePass.run(s);
        EdgeInversion.run(s);
        s.progress.progress("resolving roots", 0, 1);
        RootPass.run(s);
        s.progress.progress("walking from the roots", 0, s.n);
        LivePass.run(s);
        IteratorPass.run(s);
        s.progress.progress("writing tables", 0, 1);
        IndexWriter.writeTables(s);
    }
}
