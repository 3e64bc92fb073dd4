package io.sashell.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import io.sashell.index.HeapIndex;

/** {@code dominators [ADDR]}: part of the dominator tree, biggest children first. */
public final class DominatorTreeView {
    private DominatorTreeView() {
    }

    /**
     * @param id    the object to start below, or -1 for the virtual root
     * @param depth levels to show below the start
     * @param width children shown per object, the rest summed up
     */
    public static DominatorTreeResult of(HeapIndex index, DominatorTree tree, int id, int depth, int width) {
        int start = id < 0 ? tree.root() : id;
        RetainedObject first = id < 0 ? null : AnswersSupport.retainedObject(index, tree, id);
        List<DominatorTreeResult.Node> nodes = new ArrayList<>();
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {start, 0});
        while (!stack.isEmpty()) {
            int[] top = stack.pop();
            int v = top[0];
            int d = top[1];
            if (d > 0) {
                int[] ch = tree.children(v);
                long hiddenBytes = 0;
                int[] sorted = sorted(tree, ch);
                for (int i = width; i < sorted.length; i++) {
                    hiddenBytes += tree.retained(sorted[i]);
                }
                nodes.add(new DominatorTreeResult.Node(d, AnswersSupport.retainedObject(index, tree, v), ch.length,
                        Math.max(0, ch.length - width), hiddenBytes));
            }
            if (d < depth) {
                int[] sorted = sorted(tree, tree.children(v));
                for (int i = Math.min(width, sorted.length) - 1; i >= 0; i--) {
                    stack.push(new int[] {sorted[i], d + 1});
                }
            }
        }
        return new DominatorTreeResult(first, nodes, tree.reachableBytes());
    }

    static int[] sorted(DominatorTree tree, int[] ids) {
        return Arrays.stream(ids).boxed()
                .sorted(Comparator.<Integer>comparingLong(tree::retained).reversed().thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }
}
