package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;

import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedKlass;

/**
 * The retained size of each class's instance set. An instance adds its retained size unless another instance
 * of its class dominates it (then it is already counted): so a linked list of a million nodes counts once.
 */
public final class RetainedHistogram {
    private RetainedHistogram() {
    }

    /** Per klass index: the retained size of the set of its instances. Cost: one depth-first pass, O(n). */
    public static long[] perClass(HeapIndex index, DominatorTree tree) {
        int klasses = index.klasses().size();
        long[] retained = new long[klasses];
        int[] active = new int[klasses];
        // Iterative preorder over the dominator tree; a negative entry marks leaving a node.
        int root = tree.root();
        int[] stack = new int[Math.max(1024, tree.childCount(root) + 1)];
        int sp = 0;
        for (int k = 0; k < tree.childCount(root); k++) {
            stack[sp++] = tree.child(root, k);
        }
        long steps = 0;
        while (sp > 0) {
            int v = stack[--sp];
            if ((++steps & 0xFFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled");
            }
            if (v < 0) {
                active[index.klassIndex(-v - 1)]--;
                continue;
            }
            int k = index.klassIndex(v);
            if (active[k] == 0) {
                retained[k] += tree.retained(v);
            }
            active[k]++;
            int count = tree.childCount(v);
            if (sp + count + 1 >= stack.length) {
                stack = Arrays.copyOf(stack, Math.max(stack.length * 2, sp + count + 1));
            }
            stack[sp++] = -v - 1;
            for (int c = 0; c < count; c++) {
                stack[sp++] = tree.child(v, c);
            }
        }
        return retained;
    }

    public static RetainedHistogramResult of(HeapIndex index, DominatorTree tree, String pattern, long limit) {
        long[] per = perClass(index, tree);
        Predicate<String> match = Histogram.matcher(pattern);
        List<RetainedHistogramResult.Row> rows = new ArrayList<>();
        List<IndexedKlass> ks = index.klasses();
        for (int k = 0; k < ks.size(); k++) {
            IndexedKlass c = ks.get(k);
            if (c.liveCount() == 0 || !match.test(c.name())) {
                continue;
            }
            rows.add(new RetainedHistogramResult.Row(c.name(), c.address(), c.loaderName(), c.liveCount(),
                    c.liveBytes(), per[k]));
        }
        rows.sort(Comparator.comparingLong(RetainedHistogramResult.Row::retained).reversed()
                .thenComparing(Comparator.comparingLong(RetainedHistogramResult.Row::liveBytes).reversed())
                .thenComparing(RetainedHistogramResult.Row::className));
        int matched = rows.size();
        List<RetainedHistogramResult.Row> shown = limit >= 0 && limit < rows.size() ? rows.subList(0, (int) limit)
                : rows;
        return new RetainedHistogramResult(shown, matched, tree.reachableBytes(), pattern == null ? "" : pattern);
    }
}
