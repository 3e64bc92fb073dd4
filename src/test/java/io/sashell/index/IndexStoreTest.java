package io.sashell.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sashell.sa.RootKind;

/**
 * The index file: kept and reused for the same core; a version bump, a truncated file, a damaged header and
 * another core's index are rejected and rebuilt; nothing is kept with {@code none}; a cancelled build leaves
 * nothing behind.
 */
class IndexStoreTest {
    static final CoreIdentity CORE = new CoreIdentity(1000, 2000, "aaaa");
    static final CoreIdentity OTHER = new CoreIdentity(1000, 2000, "bbbb");

    @TempDir
    Path dir;

    final AtomicInteger builds = new AtomicInteger();

    GraphHeap heap() {
        GraphHeap heap = new GraphHeap(1 << 12, 0);
        long holder = heap.instance(GraphHeap.HOLDER);
        long node = heap.instance(GraphHeap.NODE);
        heap.putOop(holder + GraphHeap.A, node);
        heap.root(holder, RootKind.THREAD_OBJECT, "thread", "main");
        return heap;
    }

    IndexStore.Opened open(CoreIdentity identity) throws IOException {
        GraphHeap heap = heap();
        return IndexStore.in(dir).open(identity, heap.memory(), () -> {
            builds.incrementAndGet();
            return heap.inputs(identity);
        }, IndexProgress.NONE, 2);
    }

    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void builtOnceThenReadBack() throws IOException {
        IndexStore.Opened first = open(CORE);
        assertTrue(first.built());
        first.index().close();
        Path file = IndexStore.in(dir).fileFor(CORE);
        assertEquals(List.of(file), files());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        IndexStore.Opened second = open(CORE);
        assertFalse(second.built());
        assertEquals("", second.rejection());
        assertEquals(1, builds.get());
        assertEquals(2, second.index().objectCount());
        assertEquals(1, second.index().edgeCount());
        assertEquals(List.of(RootKind.THREAD_OBJECT),
                second.index().rootsOf(0).stream().map(IndexedRoot::kind).toList());
        second.index().close();
    }

    @Test
    void aVersionBumpIsRejectedAndRebuilt() throws IOException {
        open(CORE).index().close();
        Path file = IndexStore.in(dir).fileFor(CORE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, IndexHeader.VERSION + 1), 8);
        }
        IndexStore.Opened again = open(CORE);
        assertTrue(again.built());
        assertEquals("format version " + (IndexHeader.VERSION + 1) + ", this sa-shell reads version "
                + IndexHeader.VERSION, again.rejection());
        assertEquals(2, builds.get());
        assertEquals(2, again.index().objectCount());
        again.index().close();
        assertEquals(List.of(file), files());
    }

    @Test
    void aTruncatedIndexIsRejectedAndRebuilt() throws IOException {
        open(CORE).index().close();
        Path file = IndexStore.in(dir).fileFor(CORE);
        long length = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length - 8);
        }
        IndexStore.Opened again = open(CORE);
        assertTrue(again.built());
        assertEquals("truncated (" + (length - 8) + " of " + length + " bytes)", again.rejection());
        again.index().close();
        assertEquals(length, Files.size(file));
    }

    @Test
    void anIndexCutInsideItsHeaderIsRejected() throws IOException {
        open(CORE).index().close();
        Path file = IndexStore.in(dir).fileFor(CORE);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(100);
        }
        IndexStore.Opened again = open(CORE);
        assertEquals("truncated (header cut short)", again.rejection());
        again.index().close();
    }

    @Test
    void aDamagedHeaderIsRejected() throws IOException {
        open(CORE).index().close();
        Path file = IndexStore.in(dir).fileFor(CORE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x7f}), 40);
        }
        IndexStore.Opened again = open(CORE);
        assertEquals("damaged (header checksum)", again.rejection());
        again.index().close();
    }

    @Test
    void anotherCoresIndexIsRejectedAndRebuilt() throws IOException {
        open(OTHER).index().close();
        Path other = IndexStore.in(dir).fileFor(OTHER);
        Path mine = IndexStore.in(dir).fileFor(CORE);
        Files.move(other, mine);
        IndexStore.Opened again = open(CORE);
        assertTrue(again.built());
        assertTrue(again.rejection().startsWith("made for another core (1000 bytes, modified "), again.rejection());
        assertTrue(again.rejection().contains("notes bbbb, this core: "), again.rejection());
        again.index().close();
        assertEquals(2, builds.get());
    }

    @Test
    void notAnIndexIsRejected() throws IOException {
        Path mine = IndexStore.in(dir).fileFor(CORE);
        Files.write(mine, new byte[100]);
        IndexStore.Opened again = open(CORE);
        assertEquals("not an sa-shell index", again.rejection());
        again.index().close();
    }

    @Test
    void noIndexKeepsNothingOnDisk() throws IOException {
        GraphHeap heap = heap();
        IndexStore.Opened opened = IndexStore.none(dir).open(CORE, heap.memory(), () -> heap.inputs(CORE),
                IndexProgress.NONE, 1);
        assertTrue(opened.built());
        assertEquals(List.of(), files());
        assertTrue(opened.index().file().isEmpty());
        assertEquals(1, opened.index().edgeCount());
        opened.index().close();
        assertThrows(IllegalStateException.class, () -> IndexStore.none(dir).fileFor(CORE));
    }

    @Test
    void aCancelledBuildLeavesNothingBehind() throws IOException {
        GraphHeap heap = heap();
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> IndexStore.in(dir).open(CORE, heap.memory(),
                    () -> heap.inputs(CORE), IndexProgress.NONE, 2));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), files());
    }

    @ParameterizedTest
    @ValueSource(strings = {"walking the heap", "reading objects", "indexing addresses", "reading mirrors",
        "reading references", "inverting references", "referents", "resolving roots", "walking from the roots",
        "writing tables"})
    void aBuildInterruptedInAnyPhaseIsCancelledAndLeavesNothing(String phase) throws IOException {
        GraphHeap heap = heap();
        IndexProgress interrupt = (name, done, total) -> {
            if (name.equals(phase)) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            assertThrows(CancellationException.class, () -> IndexStore.in(dir).open(CORE, heap.memory(),
                    () -> heap.inputs(CORE), interrupt, 1));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), files());
        // The next open builds the index whole.
        IndexStore.Opened again = open(CORE);
        assertTrue(again.built());
        assertEquals(2, again.index().objectCount());
        again.index().close();
    }

    @Test
    void temporariesOfDeadBuildsAreRemoved() throws IOException {
        Path file = IndexStore.in(dir).fileFor(CORE);
        // No process has pid 2^22 + 1 here (pid_max is at most 2^22).
        Path dead = dir.resolve("." + file.getFileName() + ".4194305.tmp");
        Path foreign = dir.resolve("notes.txt");
        Files.write(dead, new byte[10]);
        Files.write(foreign, new byte[10]);
        open(CORE).index().close();
        assertEquals(List.of(foreign, file), files());
    }

    IndexStore.Opened open(IndexStore store, CoreIdentity identity) throws IOException {
        GraphHeap heap = heap();
        return store.open(identity, heap.memory(), () -> {
            builds.incrementAndGet();
            return heap.inputs(identity);
        }, IndexProgress.NONE, 2);
    }

    static List<Path> sorted(Path... files) {
        return Stream.of(files).sorted().toList();
    }

    static CoreIdentity core(int n) {
        return new CoreIdentity(n, n, "core" + n);
    }

    /** Opens and closes the index of each core in turn, each a second older than the next. */
    void useInTurn(IndexStore store, int... cores) throws IOException {
        for (int c : cores) {
            open(store, core(c)).index().close();
            Files.setLastModifiedTime(store.fileFor(core(c)),
                    java.nio.file.attribute.FileTime.fromMillis(1_000_000L + 1000L * builds.get() + c));
        }
    }

    @Test
    void theCacheKeepsTheMostRecentlyUsedIndexesWithinItsCount() throws IOException {
        IndexStore cache = IndexStore.cache(dir, new IndexCache.Limits(Long.MAX_VALUE, 2));
        useInTurn(cache, 1, 2);
        assertEquals(sorted(cache.fileFor(core(1)), cache.fileFor(core(2))), files());
        // Core 1 is used again (read back, not built): core 2 is now the least recently used.
        IndexStore.Opened again = open(cache, core(1));
        assertFalse(again.built());
        again.index().close();
        useInTurn(cache, 3);
        assertEquals(sorted(cache.fileFor(core(1)), cache.fileFor(core(3))), files());
        assertEquals(3, builds.get());
    }

    @Test
    void theCacheKeepsWithinItsSizeAndKeepsTheIndexJustOpenedEvenWhenLarger() throws IOException {
        useInTurn(IndexStore.in(dir), 1);
        long one = Files.size(IndexStore.in(dir).fileFor(core(1)));
        IndexStore cache = IndexStore.cache(dir, new IndexCache.Limits(2 * one, 10));
        useInTurn(cache, 2, 3);
        assertEquals(sorted(cache.fileFor(core(2)), cache.fileFor(core(3))), files());
        IndexStore tiny = IndexStore.cache(dir, new IndexCache.Limits(1, 10));
        useInTurn(tiny, 4);
        assertEquals(List.of(cache.fileFor(core(4))), files());
    }

    @Test
    void anIndexInUseIsNeverEvicted() throws IOException {
        IndexStore cache = IndexStore.cache(dir, new IndexCache.Limits(Long.MAX_VALUE, 1));
        try (HeapIndex first = open(cache, core(1)).index(); HeapIndex second = open(cache, core(2)).index()) {
            assertEquals(sorted(cache.fileFor(core(1)), cache.fileFor(core(2))), files());
            assertEquals(1, second.edgeCount());
            assertEquals(2, first.objectCount());
        }
        useInTurn(cache, 3);
        assertEquals(List.of(cache.fileFor(core(3))), files());
    }

    @Test
    void anIndexAnotherProcessHoldsOpenIsNeverEvicted(@TempDir Path work) throws Exception {
        IndexStore cache = IndexStore.cache(dir, new IndexCache.Limits(Long.MAX_VALUE, 1));
        useInTurn(cache, 1);
        Path held = cache.fileFor(core(1));
        // Another process opens it as a session does (a shared lock on a read-only channel) and keeps it open.
        Path source = work.resolve("Hold.java");
        Files.writeString(source, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.READ);
                        ch.lock(0, Long.MAX_VALUE, true);
                        System.out.println("held");
                        System.out.flush();
                        System.in.read();
                    }
                }
                """);
        Process p = new ProcessBuilder(io.sashell.testkit.Jdks.JDK17.resolve("bin/java").toString(),
                source.toString(), held.toString()).redirectErrorStream(true).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            assertEquals("held", out.readLine());
            useInTurn(cache, 2);
            assertEquals(sorted(held, cache.fileFor(core(2))), files());
        } finally {
            p.getOutputStream().close();
            p.waitFor();
        }
        useInTurn(cache, 3);
        assertEquals(List.of(cache.fileFor(core(3))), files());
    }

    @Test
    void aDirectoryTheUserNamedKeepsEveryIndex() throws IOException {
        useInTurn(IndexStore.in(dir), 1, 2, 3);
        assertEquals(3, files().size());
    }

    @Test
    void cacheLimitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IndexCache.Limits(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new IndexCache.Limits(1, 0));
    }
}
