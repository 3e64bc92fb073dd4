package io.sashell.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sashell.index.IndexProgress;

class DominatorTreeTest {
    @TempDir
    Path dir;

    /** 0 -> 1, 0 -> 2; 1, 2 -> 3; 4 unreachable. */
    private static DominatorTree diamond() {
        Dominators.Graph g = DominatorsTest.graph(5, 0, 1, 0, 2, 1, 3, 2, 3);
        long[] shallow = {16, 24, 32, 40, 48};
        Dominators.Result r = Dominators.compute(g, new int[] {0}, v -> shallow[v], IndexProgress.NONE);
        return new DominatorTree(r.idom(), r.retained());
    }

    @Test
    void childrenAndRetainedSizes() {
        DominatorTree t = diamond();
        assertEquals(5, t.root());
        assertArrayEquals(new int[] {0}, t.children(t.root()));
        assertArrayEquals(new int[] {1, 2, 3}, t.children(0));
        assertArrayEquals(new int[0], t.children(4));
        assertEquals(112, t.reachableBytes());
        assertEquals(0, t.retained(4));
        assertEquals(false, t.reachable(4));
    }

    @Test
    void keptFileIsReadBackOnlyForItsIndex() throws Exception {
        Path file = dir.resolve("x.dominators");
        DominatorTree t = diamond();
        t.write(file, 1234, 99);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        DominatorTree back = DominatorTree.read(file, 5, 1234, 99);
        for (int v = 0; v < 5; v++) {
            assertEquals(t.idom(v), back.idom(v));
            assertEquals(t.retained(v), back.retained(v));
        }
        assertEquals(112, back.reachableBytes());
        assertNull(DominatorTree.read(file, 5, 1234, 100), "another index file");
        assertNull(DominatorTree.read(file, 6, 1234, 99), "another object count");
        assertNull(DominatorTree.read(dir.resolve("missing"), 5, 1234, 99));
        Files.write(file, new byte[] {1, 2, 3});
        assertNull(DominatorTree.read(file, 5, 1234, 99), "truncated");
    }

    @Test
    void emptyTreeRoundTrips() throws Exception {
        Path file = dir.resolve("e.dominators");
        new DominatorTree(new int[0], new long[] {0}).write(file, 1, 2);
        assertEquals(0, DominatorTree.read(file, 0, 1, 2).reachableBytes());
    }
}
