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
}
