package io.sashell.analysis;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * Immediate dominators of a graph of int nodes, by Lengauer and Tarjan's algorithm with path compression,
 * written without recursion (heaps hold lists millions of objects long). Nodes are 0..n-1; the algorithm adds
 * a virtual root {@code n} with an edge to every GC root, as Eclipse MAT does. Cost: O(m log n) time, about
 * 8 int arrays of n+1 entries plus the predecessor lists (one int per edge).
 */
public final class Dominators {
    /** idom of a node no root reaches. */
    public static final int UNREACHABLE = -1;

    private Dominators() {
    }

    /**
     * The successors of every node in compressed form: node {@code v}'s edges are
     * {@code targets[offsets[v] .. offsets[v+1])}.
     */
    public record Graph(int nodes, int[] offsets, int[] targets) {
        public Graph {
            if (offsets.length != nodes + 1) {
                throw new IllegalArgumentException("offsets must have nodes + 1 entries");
            }
        }
    }

    /**
     * The immediate dominator of every node: another node, {@code n} (the virtual root) for nodes only the
     * root dominates (the GC roots among them), or {@link #UNREACHABLE}. Checks for interruption now and then.
     */
    public static int[] immediate(Graph g, int[] roots) {
        int n = g.nodes();
        int root = n;
        int total = n + 1;
        // Successor access including the virtual root's edges to the GC roots.
        int[] dfnum = new int[total];
        Arrays.fill(dfnum, -1);
        int[] vertex = new int[total];
        int[] parent = new int[total];
        int count = dfs(g, roots, root, dfnum, vertex, parent);

        // Predecessors (reachable sources only), in dfnum space.
        int[] predOff = new int[count + 1];
        forEachEdge(g, roots, dfnum, (from, to) -> predOff[to + 1]++);
        for (int i = 0; i < count; i++) {
            predOff[i + 1] += predOff[i];
        }
        int[] pred = new int[predOff[count]];
        int[] fill = Arrays.copyOf(predOff, count);
        forEachEdge(g, roots, dfnum, (from, to) -> pred[fill[to]++] = from);

        int[] semi = new int[count];
        int[] idom = new int[count];
        int[] ancestor = new int[count];
        int[] label = new int[count];
        int[] bucketHead = new int[count];
        int[] bucketNext = new int[count];
        int[] stack = new int[count];
        Arrays.fill(ancestor, -1);
        Arrays.fill(bucketHead, -1);
        for (int i = 0; i < count; i++) {
            semi[i] = i;
            label[i] = i;
        }
        int[] par = new int[count];
        for (int i = 1; i < count; i++) {
            par[i] = dfnum[parent[vertex[i]]];
        }
        for (int w = count - 1; w >= 1; w--) {
            if ((w & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled");
            }
            for (int e = predOff[w]; e < predOff[w + 1]; e++) {
                int u = eval(pred[e], ancestor, label, semi, stack);
                if (semi[u] < semi[w]) {
                    semi[w] = semi[u];
                }
            }
            int s = semi[w];
            bucketNext[w] = bucketHead[s];
            bucketHead[s] = w;
            int p = par[w];
            ancestor[w] = p;
            for (int v = bucketHead[p]; v != -1; v = bucketNext[v]) {
                int u = eval(v, ancestor, label, semi, stack);
                idom[v] = semi[u] < semi[v] ? u : p;
            }
            bucketHead[p] = -1;
        }
        for (int w = 1; w < count; w++) {
            if (idom[w] != semi[w]) {
                idom[w] = idom[idom[w]];
            }
        }
        int[] out = new int[n];
        Arrays.fill(out, UNREACHABLE);
        for (int w = 1; w < count; w++) {
            out[vertex[w]] = vertex[idom[w]];
        }
        return out;
    }

    /**
     * Retained sizes from immediate dominators: a node's shallow size plus that of every node it dominates.
     * Index {@code n} of the result is the virtual root's (everything reachable).
     */
    public static long[] retained(int[] idom, long[] shallow) {
        int n = idom.length;
        long[] retained = new long[n + 1];
        // Children must be added before their dominator is added to its own: order nodes by depth.
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        int[] path = new int[64];
        for (int v = 0; v < n; v++) {
            if (idom[v] == UNREACHABLE || depth[v] >= 0) {
                continue;
            }
            int len = 0;
            int x = v;
            while (x != n && depth[x] < 0) {
                if (len == path.length) {
                    path = Arrays.copyOf(path, len * 2);
                }
                path[len++] = x;
                x = idom[x];
            }
            int d = x == n ? 0 : depth[x];
            for (int i = len - 1; i >= 0; i--) {
                depth[path[i]] = ++d;
            }
        }
        int maxDepth = 0;
        for (int d : depth) {
            maxDepth = Math.max(maxDepth, d);
        }
        int[] byDepthOff = new int[maxDepth + 2];
        for (int v = 0; v < n; v++) {
            if (depth[v] > 0) {
                byDepthOff[depth[v] + 1]++;
            }
        }
        for (int i = 0; i <= maxDepth; i++) {
            byDepthOff[i + 1] += byDepthOff[i];
        }
        int[] byDepth = new int[byDepthOff[maxDepth + 1]];
        int[] fill = Arrays.copyOf(byDepthOff, maxDepth + 1);
        for (int v = 0; v < n; v++) {
            if (depth[v] > 0) {
                byDepth[fill[depth[v]]++] = v;
            }
        }
        for (int v = 0; v < n; v++) {
            if (idom[v] != UNREACHABLE) {
                retained[v] = shallow[v];
            }
        }
        for (int i = byDepth.length - 1; i >= 0; i--) {
            int v = byDepth[i];
            retained[idom[v]] += retained[v];
        }
        return retained;
    }

    private interface EdgeSink {
        void edge(int from, int to);
    }

    /** Every edge between reachable nodes, in dfnum space, including the virtual root's. */
    private static void forEachEdge(Graph g, int[] roots, int[] dfnum, EdgeSink sink) {
        int root = g.nodes();
        for (int r : roots) {
            sink.edge(dfnum[root], dfnum[r]);
        }
        for (int v = 0; v < g.nodes(); v++) {
            if (dfnum[v] < 0) {
                continue;
            }
            for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                int t = g.targets()[e];
                if (dfnum[t] >= 0) {
                    sink.edge(dfnum[v], dfnum[t]);
                }
            }
        }
    }

    /** Iterative depth-first preorder from the virtual root; returns the number of reached nodes. */
    private static int dfs(Graph g, int[] roots, int root, int[] dfnum, int[] vertex, int[] parent) {
        int total = g.nodes() + 1;
        int[] stackNode = new int[total];
        int[] stackEdge = new int[total];
        int sp = 0;
        int count = 0;
        dfnum[root] = count;
        vertex[count++] = root;
        stackNode[sp] = root;
        stackEdge[sp++] = 0;
        while (sp > 0) {
            int v = stackNode[sp - 1];
            int next = -1;
            if (v == root) {
                while (stackEdge[sp - 1] < roots.length) {
                    int t = roots[stackEdge[sp - 1]++];
                    if (dfnum[t] < 0) {
                        next = t;
                        break;
                    }
                }
            } else {
                int end = g.offsets()[v + 1];
                while (g.offsets()[v] + stackEdge[sp - 1] < end) {
                    int t = g.targets()[g.offsets()[v] + stackEdge[sp - 1]++];
                    if (dfnum[t] < 0) {
                        next = t;
                        break;
                    }
                }
            }
            if (next < 0) {
                sp--;
                continue;
            }
            dfnum[next] = count;
            vertex[count++] = next;
            parent[next] = v;
            stackNode[sp] = next;
            stackEdge[sp++] = 0;
        }
        return count;
    }

    /** Lengauer–Tarjan EVAL with path compression, iterative. */
    private static int eval(int v, int[] ancestor, int[] label, int[] semi, int[] stack) {
        if (ancestor[v] == -1) {
            return v;
        }
        // Collect the path up to the forest root's child, then compress top-down.
        int sp = 0;
        int x = v;
        while (ancestor[ancestor[x]] != -1) {
            stack[sp++] = x;
            x = ancestor[x];
        }
        while (sp > 0) {
            int y = stack[--sp];
            int a = ancestor[y];
            if (semi[label[a]] < semi[label[y]]) {
                label[y] = label[a];
            }
            ancestor[y] = ancestor[a];
        }
        return label[v];
    }
}
