package io.sashell.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sashell.index.EdgeLabel;
import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedKlass;

/**
 * Leak suspects, after Eclipse MAT's report. From the virtual root, the dominator tree is followed through
 * every object retaining at least the threshold; where no child does any more, the object is an accumulation
 * point (its retained bytes are spread over many smaller objects). Its holder is named from the dominator
 * chain above it: the first static field, else the first thread, else the GC root. Classes whose instances
 * together retain the threshold though none does alone are suspects too.
 */
public final class Suspects {
    /** A child retaining this share of its dominator continues the chain to the accumulation point. */
    private static final double FOLLOW = 0.8;

    private Suspects() {
    }

    public static SuspectsResult of(HeapIndex index, DominatorTree tree, double thresholdPct) {
        long heap = tree.reachableBytes();
        long min = Math.max(1, (long) Math.ceil(heap * thresholdPct / 100.0));
        Map<Long, String> threads = AnswersSupport.threadNames(index);
        Map<Integer, SuspectsResult.Suspect> byObject = new LinkedHashMap<>();
        List<Integer> points = new ArrayList<>();
        // Objects retaining at least min whose children all retain less.
        List<Integer> todo = new ArrayList<>();
        for (int c : tree.children(tree.root())) {
            if (tree.retained(c) >= min) {
                todo.add(c);
            }
        }
        while (!todo.isEmpty()) {
            int v = todo.remove(todo.size() - 1);
            boolean big = false;
            for (int c : tree.children(v)) {
                if (tree.retained(c) >= min) {
                    todo.add(c);
                    big = true;
                }
            }
            if (!big) {
                points.add(v);
            }
        }
        for (int p : points) {
            List<Integer> chain = chain(tree, p);
            Holder h = holder(index, chain, threads);
            int suspect = h.suspect;
            int point = accumulation(tree, suspect);
            SuspectsResult.Accumulation acc = accumulationOf(index, tree, point);
            RetainedObject so = AnswersSupport.retainedObject(index, tree, suspect);
            GcPath path = firstPath(index, acc != null ? point : suspect);
            SuspectsResult.Suspect s = new SuspectsResult.Suspect("object", h.text, index.displayName(suspect), 1,
                    so, acc, path, explain(h.text, so, acc, heap));
            SuspectsResult.Suspect old = byObject.get(suspect);
            if (old == null) {
                byObject.put(suspect, s);
            }
        }
        List<SuspectsResult.Suspect> out = new ArrayList<>(byObject.values());
        // Classes: many instances together, none big alone, not already under an object suspect.
        long[] perClass = RetainedHistogram.perClass(index, tree);
        List<IndexedKlass> ks = index.klasses();
        for (int k = 0; k < ks.size(); k++) {
            if (perClass[k] < min || ks.get(k).name().equals("java.lang.Class")) {
                continue;
            }
            int biggest = -1;
            boolean covered = false;
            int n = tree.objectCount();
            for (int id = 0; id < n && !covered; id++) {
                if (index.klassIndex(id) != k || !tree.reachable(id)) {
                    continue;
                }
                if (biggest < 0 || tree.retained(id) > tree.retained(biggest)) {
                    biggest = id;
                }
                covered = tree.retained(id) >= min || under(tree, id, byObject.keySet());
            }
            if (covered || biggest < 0) {
                continue;
            }
            RetainedObject so = AnswersSupport.retainedObject(index, tree, biggest);
            IndexedKlass c = ks.get(k);
            String text = String.format(Locale.ROOT, "%,d instances of %s together retain %,d bytes (%.1f%% of the"
                    + " reachable heap), none of them much alone: each is held on its own (the largest by %s).",
                    c.liveCount(), c.name(), perClass[k], AnswersSupport.percent(perClass[k], heap),
                    so.dominator() == null ? so.via() : so.dominator().className());
            out.add(new SuspectsResult.Suspect("class", c.name(), c.name(), c.liveCount(),
                    new RetainedObject(so.object(), perClass[k], AnswersSupport.percent(perClass[k], heap),
                            so.dominator(), so.via()), null, firstPath(index, biggest), text));
        }
        out.sort((a, b) -> Long.compare(b.suspect().retained(), a.suspect().retained()));
        List<String> next = new ArrayList<>();
        if (!out.isEmpty()) {
            SuspectsResult.Suspect s = out.get(0);
            long at = s.accumulation() != null ? s.accumulation().object().object().address()
                    : s.suspect().object().address();
            next.add(String.format("dominators 0x%x --depth 2", s.suspect().object().address()));
            next.add(String.format("path 0x%x", at));
            if (s.accumulation() != null) {
                next.add("histo --retained " + s.accumulation().elementClass());
            }
        }
        next.add("statics -n 10");
        next.add("top -n 20");
        return new SuspectsResult(thresholdPct, heap, out, next);
    }

    private record Holder(String text, int suspect) {
    }

    /** Object ids from a child of the virtual root down to {@code id}. */
    private static List<Integer> chain(DominatorTree tree, int id) {
        List<Integer> c = new ArrayList<>();
        for (int v = id; v >= 0 && v != tree.root(); v = tree.idom(v)) {
            c.add(0, v);
        }
        return c;
    }

    /** The first static field or thread on the chain; the suspect is the object it holds. */
    private static Holder holder(HeapIndex index, List<Integer> chain, Map<Long, String> threads) {
        for (int i = 0; i < chain.size(); i++) {
            int v = chain.get(i);
            String thread = threads.get(index.address(v));
            if (thread != null) {
                return new Holder("thread \"" + thread + "\"", v);
            }
            if (i + 1 < chain.size() && index.mirroredKlass(v) >= 0) {
                for (EdgeLabel l : index.labels(v, chain.get(i + 1))) {
                    if (l.kind() == EdgeLabel.Kind.STATIC_FIELD) {
                        return new Holder("static " + l.holder() + "." + l.name(), chain.get(i + 1));
                    }
                }
            }
        }
        int top = chain.get(0);
        return new Holder(AnswersSupport.rootText(index, top), top);
    }

    /** Down the chain of children retaining most of their dominator. */
    static int accumulation(DominatorTree tree, int from) {
        int v = from;
        while (true) {
            int best = -1;
            for (int c : tree.children(v)) {
                if (best < 0 || tree.retained(c) > tree.retained(best)) {
                    best = c;
                }
            }
            if (best < 0 || tree.retained(best) < FOLLOW * tree.retained(v)) {
                return v;
            }
            v = best;
        }
    }

    private static SuspectsResult.Accumulation accumulationOf(HeapIndex index, DominatorTree tree, int point) {
        int[] ch = tree.children(point);
        if (ch.length < 2) {
            // One big object (an array of primitives, say): it is where the memory is.
            return new SuspectsResult.Accumulation(AnswersSupport.retainedObject(index, tree, point),
                    index.displayName(point), 1, tree.retained(point));
        }
        Map<Integer, long[]> byClass = new HashMap<>();
        for (int c : ch) {
            long[] t = byClass.computeIfAbsent(index.klassIndex(c), k -> new long[2]);
            t[0]++;
            t[1] += tree.retained(c);
        }
        Map.Entry<Integer, long[]> best = null;
        for (Map.Entry<Integer, long[]> e : byClass.entrySet()) {
            if (best == null || e.getValue()[1] > best.getValue()[1]) {
                best = e;
            }
        }
        return new SuspectsResult.Accumulation(AnswersSupport.retainedObject(index, tree, point),
                index.klass(best.getKey()).name(), best.getValue()[0], best.getValue()[1]);
    }

    private static boolean under(DominatorTree tree, int id, java.util.Set<Integer> tops) {
        int steps = 0;
        for (int v = tree.idom(id); v >= 0 && v != tree.root() && steps < 100_000; v = tree.idom(v), steps++) {
            if (tops.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static GcPath firstPath(HeapIndex index, int id) {
        PathResult r = GcPaths.find(index, id, false, false, 1);
        return r.paths().isEmpty() ? null : r.paths().get(0);
    }

    private static String explain(String holder, RetainedObject s, SuspectsResult.Accumulation acc, long heap) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "One %s held by %s retains %,d bytes (%.1f%% of the %,d reachable"
                + " bytes).", s.object().className(), holder, s.retained(), s.percent(), heap));
        if (acc != null) {
            if (acc.count() == 1 && acc.elementClass().equals(acc.object().object().className())) {
                b.append(String.format(Locale.ROOT, " Most of it is one %s of %,d bytes at 0x%x.",
                        acc.elementClass(), acc.elementsRetained(), acc.object().object().address()));
            } else {
                b.append(String.format(Locale.ROOT, " The memory piles up in %s at 0x%x: %,d instances of %s"
                        + " retain %,d bytes there.", acc.object().object().className(),
                        acc.object().object().address(), acc.count(), acc.elementClass(), acc.elementsRetained()));
            }
        }
        b.append(" Nothing is freed while the holder keeps it: if the data should not live that long, that"
                + " reference is the leak.");
        return b.toString();
    }
}
