package io.sashell.analysis;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.IntToLongFunction;

import io.sashell.index.IndexProgress;

/**
 * Immediate dominators and retained sizes of a graph of int nodes, by the semi-NCA form of Lengauer and
 * Tarjan's algorithm (semidominators by EVAL with path compression, then each idom as the nearest common
 * ancestor of its spanning-tree parent and its semidominator), written without recursion: heaps hold lists
 * millions of objects long. Nodes are 0..n-1; the algorithm adds a virtual root {@code n} with an edge to
 * every GC root, as Eclipse MAT does.
 * <p>
 * It reads the graph where it lies (the index's mapped successor and predecessor arrays) instead of copying
 * its edges. Cost: O(m log n) time; 6 int arrays of n+1 entries while it runs (24 bytes per node), then the
 * result: an int and a long per node.
 */
public final class Dominators {
    /** idom of a node no root reaches. */
    public static final int UNREACHABLE = -1;

    private Dominators() {
    }

    /**
     * A graph in compressed form, both ways: node {@code v}'s successors are at positions
     * {@code outStart(v) .. outStart(v+1)} and its predecessors at {@code inStart(v) .. inStart(v+1)}.
     */
    public interface Graph {
        int nodes();

        long outStart(int v);

        int successor(long position);

        long inStart(int v);

        int predecessor(long position);

        /** A graph of int arrays: node {@code v}'s edges are {@code targets[offsets[v] .. offsets[v+1])}. */
        static Graph of(int nodes, int[] offsets, int[] targets) {
            if (offsets.length != nodes + 1) {
                throw new IllegalArgumentException("offsets must have nodes + 1 entries");
            }
            int[] inOff = new int[nodes + 1];
            for (int e = 0; e < offsets[nodes]; e++) {
                inOff[targets[e] + 1]++;
            }
            for (int v = 0; v < nodes; v++) {
                inOff[v + 1] += inOff[v];
            }
            int[] sources = new int[offsets[nodes]];
            int[] fill = Arrays.copyOf(inOff, nodes);
            for (int v = 0; v < nodes; v++) {
                for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                    sources[fill[targets[e]]++] = v;
                }
            }
            return new Graph() {
                @Override
                public int nodes() {
                    return nodes;
                }

                @Override
                public long outStart(int v) {
                    return offsets[v];
                }

                @Override
                public int successor(long position) {
                    return targets[(int) position];
                }

                @Override
                public long inStart(int v) {
                    return inOff[v];
                }

                @Override
                public int predecessor(long position) {
                    return sources[(int) position];
                }
            };
        }
    }

    /**
     * @param idom     per node: its immediate dominator, {@code n} (the virtual root) for nodes only the root
     *                 dominates (the GC roots among them), or {@link #UNREACHABLE}
     * @param retained per node: its shallow size plus that of every node it dominates (0 when unreachable);
     *                 entry {@code n} is the virtual root's, everything reachable
     */
    public record Result(int[] idom, long[] retained) {
    }

    /** Immediate dominators only (every shallow size 0). */
    public static int[] immediate(Graph g, int[] roots) {
        return compute(g, roots, v -> 0, IndexProgress.NONE).idom();
    }

    /**
     * The dominator tree and retained sizes. Checks for interruption now and then
     * ({@link CancellationException}).
     *
     * @param roots   the GC roots (duplicates allowed)
     * @param shallow each node's own size, asked once per reachable node
     */
    public static Result compute(Graph g, int[] roots, IntToLongFunction shallow, IndexProgress progress) {
        int n = g.nodes();
        if (g.outStart(n) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many references for the dominator tree: " + g.outStart(n));
        }
        long[] isRoot = new long[(n + 64) >>> 6];
        for (int r : roots) {
            isRoot[r >>> 6] |= 1L << r;
        }
        // Depth-first numbering from the virtual root (number 0). Nodes are numbered 1..count-1 in preorder.
        int[] dfnum = new int[n];
        Arrays.fill(dfnum, -1);
        int[] vertex = new int[n + 1];
        int[] parent = new int[n + 1];
        int[] semi = new int[n + 1];
        int[] label = new int[n + 1];
        int count = dfs(g, roots, dfnum, vertex, parent, semi, label, progress);
        progress.progress("dominators: semidominators", 0, count);
        int[] idom = Arrays.copyOf(parent, count);
        for (int i = 0; i < count; i++) {
            semi[i] = i;
            label[i] = i;
        }
        // Semidominators, last preorder number first. 'parent' becomes EVAL's compressed ancestor links;
        // nodes numbered above i are linked into the forest.
        Eval eval = new Eval(parent, label, semi);
        for (int i = count - 1; i >= 1; i--) {
            if ((i & 0xFFFF) == 0) {
                cancelled();
                progress.progress("dominators: semidominators", count - i, count);
            }
            int w = vertex[i];
            if ((isRoot[w >>> 6] & (1L << w)) != 0) {
                semi[i] = 0; // the virtual root is a predecessor: nothing is lower
                continue;
            }
            int s = parent[i];
            long end = g.inStart(w + 1);
            for (long e = g.inStart(w); e < end; e++) {
                int u = dfnum[g.predecessor(e)];
                if (u < 0) {
                    continue; // unreachable predecessor
                }
                int su = eval.minSemi(u, i);
                if (su < s) {
                    s = su;
                }
            }
            semi[i] = s;
        }
        label = null;
        eval = null;
        // Immediate dominators: the nearest common ancestor of the spanning-tree parent and the semidominator.
        for (int i = 1; i < count; i++) {
            int c = idom[i];
            int s = semi[i];
            while (c > s) {
                c = idom[c];
            }
            idom[i] = c;
        }
        semi = null;
        parent = null;
        progress.progress("dominators: retained sizes", 0, count);
        int[] out = new int[n];
        Arrays.fill(out, UNREACHABLE);
        for (int i = 1; i < count; i++) {
            int d = idom[i];
            out[vertex[i]] = d == 0 ? n : vertex[d];
        }
        idom = null;
        dfnum = null;
        // A dominator precedes what it dominates in preorder: in reverse preorder every node's retained size
        // is complete before it is added to its dominator's.
        long[] retained = new long[n + 1];
        for (int i = count - 1; i >= 1; i--) {
            if ((i & 0xFFFF) == 0) {
                cancelled();
            }
            int v = vertex[i];
            long r = retained[v] + shallow.applyAsLong(v);
            retained[v] = r;
            retained[out[v]] += r;
        }
        progress.progress("dominators: retained sizes", count, count);
        return new Result(out, retained);
    }

    /**
     * Iterative depth-first preorder from the virtual root. {@code nodeStack} and {@code edgeStack} are scratch
     * (the caller's semi and label arrays, free until this returns). Returns the number of reached nodes,
     * virtual root included.
     */
    private static int dfs(Graph g, int[] roots, int[] dfnum, int[] vertex, int[] parent, int[] nodeStack,
                           int[] edgeStack, IndexProgress progress) {
        int n = g.nodes();
        int count = 1;
        vertex[0] = n;
        parent[0] = 0;
        for (int r : roots) {
            if (dfnum[r] >= 0) {
                continue;
            }
            int sp = 0;
            dfnum[r] = count;
            vertex[count] = r;
            parent[count] = 0;
            nodeStack[sp] = count++;
            edgeStack[sp++] = (int) g.outStart(r);
            while (sp > 0) {
                int i = nodeStack[sp - 1];
                int v = vertex[i];
                int end = (int) g.outStart(v + 1);
                int e = edgeStack[sp - 1];
                int next = -1;
                while (e < end) {
                    int t = g.successor(e++);
                    if (dfnum[t] < 0) {
                        next = t;
                        break;
                    }
                }
                edgeStack[sp - 1] = e;
                if (next < 0) {
                    sp--;
                    continue;
                }
                if ((count & 0xFFFF) == 0) {
                    cancelled();
                    progress.progress("dominators: depth-first", count, n);
                }
                dfnum[next] = count;
                vertex[count] = next;
                parent[count] = i;
                nodeStack[sp] = count++;
                edgeStack[sp++] = (int) g.outStart(next);
            }
        }
        progress.progress("dominators: depth-first", n, n);
        return count;
    }

    /**
     * EVAL of Lengauer and Tarjan over the forest of linked nodes (those numbered above the one being
     * processed), with path compression: {@code ancestor} is the spanning tree's parent array, compressed in
     * place.
     */
    private static final class Eval {
        private final int[] ancestor;
        private final int[] label;
        private final int[] semi;
        private int[] stack = new int[256];

        Eval(int[] ancestor, int[] label, int[] semi) {
            this.ancestor = ancestor;
            this.label = label;
            this.semi = semi;
        }

        /** The least semidominator number on the path from {@code v} up to its forest root's child. */
        int minSemi(int v, int i) {
            if (ancestor[v] <= i) {
                return semi[label[v]];
            }
            int sp = 0;
            int x = v;
            do {
                if (sp == stack.length) {
                    stack = Arrays.copyOf(stack, sp * 2);
                }
                stack[sp++] = x;
                x = ancestor[x];
            } while (ancestor[x] > i);
            // x is the topmost linked node on the path; compress from it down, keeping each node's label the
            // one of least semidominator above it.
            int top = x;
            int topLabel = label[top];
            while (sp > 0) {
                int y = stack[--sp];
                ancestor[y] = ancestor[top];
                if (semi[topLabel] < semi[label[y]]) {
                    label[y] = topLabel;
                } else {
                    topLabel = label[y];
                }
                top = y;
            }
            return semi[label[v]];
        }
    }

    private static void cancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
