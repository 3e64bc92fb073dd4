package io.sashell.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sashell.sa.LoaderData;
import io.sashell.sa.RootSet;

/**
 * Per class, the objects the JVM's own heap iteration visits, which is what {@code jcmd GC.class_histogram -all}
 * and heap dumps count. On generational ZGC that is {@code ZHeapIterator}'s marking, not the pages: from the
 * strong roots, every weak OopStorage's objects, and the handles of the class loader data the VM keeps alive
 * (the boot loader's), it follows every reference field, Reference referents too, and for each object it reaches
 * the handles of its class's loader data (mirrors, resolved references, modules), and for a mirror or a class
 * loader those of the loader data they stand for. Conservative stack roots count too: SA cannot parse some frames
 * (JDK 25: methods with invokedynamic) whose locals the VM reads precisely, and a scan of them finds those
 * locals (a stale word there could add an object the VM would not count; not seen so far). Elsewhere the JVM walks the heap's regions, and the count is every
 * instance the index holds.
 */
final class IteratorPass {
    private final BuildState s;
    private final long[] visited;
    private final IntStore queue;
    private long tail;

    private IteratorPass(BuildState s) {
        this.s = s;
        this.visited = new long[(s.n + 63) >>> 6];
        this.queue = s.scratchInts;
    }

    static void run(BuildState s) {
        if (!s.oops.coloured()) {
            for (KlassMeta m : s.metas) {
                m.iteratedCount = m.count;
                m.iteratedBytes = m.bytes;
            }
            return;
        }
        new IteratorPass(s).walk();
    }

    private void walk() {
        RootSet set = s.in.roots();
        List<LoaderData> loaders = set.loaderData();
        int[][] handles = new int[loaders.size()][];
        Map<Long, Integer> loaderOfKlass = new HashMap<>();
        Map<Integer, Integer> loaderOfObject = new HashMap<>();
        for (int c = 0; c < loaders.size(); c++) {
            LoaderData d = loaders.get(c);
            handles[c] = ids(d.handles());
            for (long k : d.klasses()) {
                loaderOfKlass.put(k, c);
            }
            int loader = id(d.loader());
            if (loader >= 0 && !d.klasses().isEmpty()) {
                loaderOfObject.putIfAbsent(loader, c);
            }
        }
        int[] cldOfKlass = new int[s.metas.size()];
        for (int k = 0; k < cldOfKlass.length; k++) {
            cldOfKlass[k] = loaderOfKlass.getOrDefault(s.metas.get(k).address, -1);
        }
        boolean[] cldDone = new boolean[loaders.size()];
        for (IndexedRoot r : s.roots) {
            push(r.id());
        }
        for (int id : ids(set.weakHandles())) {
            push(id);
        }
        for (int c = 0; c < loaders.size(); c++) {
            if (loaders.get(c).keptAlive()) {
                cldDone[c] = true;
                pushAll(handles[c]);
            }
        }
        long[] weak = s.weakPairs;
        for (long head = 0; head < tail; head++) {
            if ((head & 0xFFFF) == 0) {
                BuildState.checkInterrupt();
                s.progress.progress("walking as the JVM's heap iteration", head, s.n);
            }
            int o = queue.get(head);
            for (long e = s.outOffsets.get(o), to = s.outOffsets.get(o + 1L); e < to; e++) {
                push(s.outTargets.getInt(e));
            }
            for (int w = lowerBound(weak, (long) o << 32); w < weak.length && (weak[w] >>> 32) == o; w++) {
                push((int) (weak[w] & 0xFFFF_FFFFL));
            }
            int klass = s.klassIds.getInt(o);
            KlassMeta m = s.metas.get(klass);
            if (m.mirror >= 0) {
                push(m.mirror);
            }
            cld(cldOfKlass[klass], handles, cldDone);
            Integer mirrored = s.mirrorKlass.get(o);
            if (mirrored != null && mirrored >= 0) {
                cld(cldOfKlass[mirrored], handles, cldDone);
            }
            Integer own = loaderOfObject.get(o);
            if (own != null) {
                cld(own, handles, cldDone);
            }
        }
        for (int id = 0; id < s.n; id++) {
            if ((visited[id >>> 6] & (1L << id)) != 0) {
                KlassMeta m = s.metas.get(s.klassIds.getInt(id));
                m.iteratedCount++;
                m.iteratedBytes += s.sizes.get(id) << 3;
            }
        }
    }

    private void cld(int c, int[][] handles, boolean[] done) {
        if (c >= 0 && !done[c]) {
            done[c] = true;
            pushAll(handles[c]);
        }
    }

    private void pushAll(int[] ids) {
        for (int id : ids) {
            push(id);
        }
    }

    private void push(int id) {
        if (id >= 0 && (visited[id >>> 6] & (1L << id)) == 0) {
            visited[id >>> 6] |= 1L << id;
            queue.set(tail++, id);
        }
    }

    /** The ids of the objects at these addresses (stale ZGC copies forwarded), -1 for none. */
    private int[] ids(List<Long> addresses) {
        List<Integer> out = new ArrayList<>(addresses.size());
        for (long a : addresses) {
            int id = id(a);
            if (id >= 0) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private int id(long address) {
        if (address == 0) {
            return -1;
        }
        int id = s.addressIndex.idOf(address);
        return id >= 0 ? id : s.addressIndex.idOf(s.oops.forwardings().forwardStale(address));
    }

    private static int lowerBound(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == key) {
            i--;
        }
        return i;
    }
}
