package io.sashell.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.sashell.index.IndexProgress;

class DominatorsTest {

    /** Builds a graph from edge pairs. */
    static Dominators.Graph graph(int n, int... edges) {
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int i = 0; i < edges.length; i += 2) {
            adj.get(edges[i]).add(edges[i + 1]);
        }
        int[] off = new int[n + 1];
        for (int i = 0; i < n; i++) {
            off[i + 1] = off[i] + adj.get(i).size();
        }
        int[] t = new int[off[n]];
        int k = 0;
        for (List<Integer> a : adj) {
            for (int x : a) {
                t[k++] = x;
            }
        }
        return Dominators.Graph.of(n, off, t);
    }

    @Test
    void emptyGraph() {
        assertArrayEquals(new int[0], Dominators.immediate(graph(0), new int[0]));
        assertArrayEquals(new long[] {0}, retained(graph(0), new int[0], new long[0]));
    }

    @Test
    void singleRoot() {
        int[] idom = Dominators.immediate(graph(1), new int[] {0});
        assertArrayEquals(new int[] {1}, idom);
        assertArrayEquals(new long[] {16, 16}, retained(graph(1), new int[] {0}, new long[] {16}));
    }

    @Test
    void diamondAndGarbage() {
        // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3, 3 -> 4; 5 unreachable -> 4
        Dominators.Graph g = graph(6, 0, 1, 0, 2, 1, 3, 2, 3, 3, 4, 5, 4);
        int[] idom = Dominators.immediate(g, new int[] {0});
        assertArrayEquals(new int[] {6, 0, 0, 0, 3, Dominators.UNREACHABLE}, idom);
        long[] retained = retained(g, new int[] {0}, new long[] {1, 10, 100, 1000, 10000, 7});
        assertEquals(11111, retained[0]);
        assertEquals(11000, retained[3]);
        assertEquals(10, retained[1]);
        assertEquals(0, retained[5]);
        assertEquals(11111, retained[6]);
    }

    @Test
    void twoRootsShareAnObject() {
        // roots 0 and 1 both point at 2: only the virtual root dominates 2
        int[] idom = Dominators.immediate(graph(3, 0, 2, 1, 2), new int[] {0, 1});
        assertArrayEquals(new int[] {3, 3, 3}, idom);
    }

    @Test
    void cycleKeepsItsEntry() {
        // 0 -> 1 -> 2 -> 3 -> 1
        int[] idom = Dominators.immediate(graph(4, 0, 1, 1, 2, 2, 3, 3, 1), new int[] {0});
        assertArrayEquals(new int[] {4, 0, 1, 2}, idom);
    }

    @Test
    void longListNeedsNoRecursion() {
        int n = 2_000_000;
        int[] off = new int[n + 1];
        int[] t = new int[n - 1];
        for (int i = 0; i < n - 1; i++) {
            t[i] = i + 1;
            off[i + 1] = i + 1;
        }
        off[n] = n - 1;
        Dominators.Result r = Dominators.compute(Dominators.Graph.of(n, off, t), new int[] {0}, v -> 24,
                IndexProgress.NONE);
        assertEquals(n - 2, r.idom()[n - 1]);
        assertEquals(24L * n, r.retained()[0]);
        assertEquals(24L, r.retained()[n - 1]);
        assertEquals(24L * n, r.retained()[n]);
    }

    @Test
    void longCycleCompressesWithoutRecursion() {
        // 0 -> 1 -> 2 -> ... -> n-1 -> 1: evaluating 1's predecessor n-1 walks the whole linked chain.
        int n = 300_000;
        int[] off = new int[n + 1];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i == n - 1 ? 1 : i + 1;
            off[i + 1] = i + 1;
        }
        Dominators.Result r = Dominators.compute(Dominators.Graph.of(n, off, t), new int[] {0}, v -> 8,
                IndexProgress.NONE);
        assertEquals(n, r.idom()[0]);
        for (int v = 1; v < n; v++) {
            assertEquals(v - 1, r.idom()[v]);
        }
        assertEquals(8L * n, r.retained()[0]);
        assertEquals(8L * (n - 1), r.retained()[1]);
    }

    @Test
    void heapShapedGraphsMatchTheDefinition() {
        // Trees of a few thousand nodes with deep chains, back edges and shared leaves, from several roots.
        Random rnd = new Random(11);
        for (int round = 0; round < 4; round++) {
            int n = 3000;
            List<Integer> edges = new ArrayList<>();
            for (int v = 1; v < n; v++) {
                int p = rnd.nextInt(4) == 0 ? v - 1 : rnd.nextInt(v);
                edges.add(p);
                edges.add(v);
                if (rnd.nextInt(5) == 0) {
                    edges.add(v);
                    edges.add(rnd.nextInt(n));
                }
            }
            int[] e = edges.stream().mapToInt(Integer::intValue).toArray();
            Dominators.Graph g = graph(n, e);
            int[] roots = {0, rnd.nextInt(n), rnd.nextInt(n)};
            long[] shallow = rnd.longs(n, 1, 100).map(x -> x * 8).toArray();
            long[] retained = retained(g, roots, shallow);
            BitSet all = reach(g, roots, -1);
            for (int k = 0; k < 200; k++) {
                int v = rnd.nextInt(n);
                BitSet without = reach(g, roots, v);
                long expected = 0;
                for (int u = all.nextSetBit(0); u >= 0; u = all.nextSetBit(u + 1)) {
                    if (!without.get(u)) {
                        expected += shallow[u];
                    }
                }
                assertEquals(expected, retained[v], "round " + round + " node " + v);
            }
        }
    }

    @Test
    void interruptCancels() {
        int n = 200_000;
        int[] off = new int[n + 1];
        int[] t = new int[n - 1];
        for (int i = 0; i < n - 1; i++) {
            t[i] = i + 1;
            off[i + 1] = i + 1;
        }
        off[n] = n - 1;
        Dominators.Graph g = Dominators.Graph.of(n, off, t);
        Thread.currentThread().interrupt();
        try {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> Dominators.compute(g, new int[] {0}, v -> 8, IndexProgress.NONE));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void matchesTheDataflowDefinitionOnRandomGraphs() {
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(30);
            int m = rnd.nextInt(n * 3 + 1);
            int[] edges = new int[m * 2];
            for (int i = 0; i < edges.length; i++) {
                edges[i] = rnd.nextInt(n);
            }
            int[] roots = rnd.ints(1 + rnd.nextInt(3), 0, n).toArray();
            Dominators.Graph g = graph(n, edges);
            assertArrayEquals(bruteForce(g, roots), Dominators.immediate(g, roots), "round " + round);
        }
    }

    @Test
    void sharedSubtreeBelongsToTheCommonDominator() {
        // 0 -> 1, 0 -> 2; 1 and 2 both -> 3 -> {4, 5}; 5 -> 6. 1 and 2 retain only themselves.
        Dominators.Graph g = graph(7, 0, 1, 0, 2, 1, 3, 2, 3, 3, 4, 3, 5, 5, 6);
        int[] idom = Dominators.immediate(g, new int[] {0});
        assertArrayEquals(new int[] {7, 0, 0, 0, 3, 3, 5}, idom);
        long[] retained = retained(g, new int[] {0}, new long[] {16, 24, 32, 40, 48, 56, 64});
        assertArrayEquals(new long[] {280, 24, 32, 208, 48, 120, 64, 280}, retained);
    }

    @Test
    void sharedSubtreeHeldFromTwoRootsIsOnlyTheVirtualRoots() {
        // roots 0 and 1 -> 2 -> 3: 2 and 3 belong to no object; 0 and 1 retain themselves.
        Dominators.Graph g = graph(4, 0, 2, 1, 2, 2, 3);
        int[] idom = Dominators.immediate(g, new int[] {0, 1});
        assertArrayEquals(new int[] {4, 4, 4, 2}, idom);
        assertArrayEquals(new long[] {8, 16, 96, 64, 120}, retained(g, new int[] {0, 1}, new long[] {8, 16, 32, 64}));
    }

    @Test
    void retainedSizesMatchTheDefinitionOnRandomGraphs() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(25);
            int m = rnd.nextInt(n * 3 + 1);
            int[] edges = new int[m * 2];
            for (int i = 0; i < edges.length; i++) {
                edges[i] = rnd.nextInt(n);
            }
            int[] roots = rnd.ints(1 + rnd.nextInt(3), 0, n).toArray();
            Dominators.Graph g = graph(n, edges);
            long[] shallow = rnd.longs(n, 1, 1000).map(x -> x * 8).toArray();
            long[] retained = retained(g, roots, shallow);
            BitSet all = reach(g, roots, -1);
            for (int v = 0; v < n; v++) {
                // What becomes unreachable once v is gone, v included.
                long expected = 0;
                if (all.get(v)) {
                    BitSet without = reach(g, roots, v);
                    for (int u = all.nextSetBit(0); u >= 0; u = all.nextSetBit(u + 1)) {
                        if (!without.get(u)) {
                            expected += shallow[u];
                        }
                    }
                }
                assertEquals(expected, retained[v], "round " + round + " node " + v);
            }
        }
    }

    static long[] retained(Dominators.Graph g, int[] roots, long[] shallow) {
        return Dominators.compute(g, roots, v -> shallow[v], IndexProgress.NONE).retained();
    }

    /** idom by the definition: d dominates v when removing d makes v unreachable from the virtual root. */
    private static int[] bruteForce(Dominators.Graph g, int[] roots) {
        int n = g.nodes();
        BitSet reach = reach(g, roots, -1);
        BitSet[] dom = new BitSet[n];
        for (int d = 0; d < n; d++) {
            BitSet without = reach(g, roots, d);
            for (int v = 0; v < n; v++) {
                if (v != d && reach.get(v) && !without.get(v)) {
                    if (dom[v] == null) {
                        dom[v] = new BitSet();
                    }
                    dom[v].set(d);
                }
            }
        }
        int[] idom = new int[n];
        for (int v = 0; v < n; v++) {
            if (!reach.get(v)) {
                idom[v] = Dominators.UNREACHABLE;
                continue;
            }
            idom[v] = n;
            if (dom[v] == null) {
                continue;
            }
            // The immediate dominator is the strict dominator that all other strict dominators dominate.
            for (int d = dom[v].nextSetBit(0); d >= 0; d = dom[v].nextSetBit(d + 1)) {
                BitSet others = (BitSet) dom[v].clone();
                others.clear(d);
                BitSet domOfD = dom[d] == null ? new BitSet() : dom[d];
                BitSet check = (BitSet) others.clone();
                check.andNot(domOfD);
                if (check.isEmpty()) {
                    idom[v] = d;
                }
            }
        }
        return idom;
    }

    private static BitSet reach(Dominators.Graph g, int[] roots, int removed) {
        BitSet seen = new BitSet();
        java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
        for (int r : roots) {
            if (r != removed && !seen.get(r)) {
                seen.set(r);
                q.add(r);
            }
        }
        while (!q.isEmpty()) {
            int v = q.poll();
            for (long e = g.outStart(v); e < g.outStart(v + 1); e++) {
                int t = g.successor(e);
                if (t != removed && !seen.get(t)) {
                    seen.set(t);
                    q.add(t);
                }
            }
        }
        return seen;
    }
}
