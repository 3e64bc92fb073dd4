package io.sashell.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sashell.sa.RootKind;

/** Exact facts of an index built over a small heap whose graph is known (see {@link #build()}). */
class HeapIndexTest {
    static final CoreIdentity CORE = new CoreIdentity(1234, 5678, "abcdef");

    @TempDir
    Path dir;

    GraphHeap heap;
    HeapIndex index;
    long loader;
    long appMirror;
    long nodeMirror;
    long registry;
    long inArray;
    long held3;
    long holder1;
    long holder2;
    long[] cycle;
    long weakRef;
    long weaklyHeld;
    long garbage;
    long garbageHolder;
    long onStack;
    long onStackNarrow;
    long inRegister;

    /**
     * A class loader (root) defines x.App, whose static REGISTRY holds an Object[5] with a node at slot 3;
     * holder1 (a Java local root) holds held3 in fields a and b, holder2 (a thread object root) in field c and a
     * cycle of three nodes in a; holder2.b is a WeakReference to a node nothing else holds; two garbage nodes;
     * a stack holding two more nodes, one as a full word, one as a narrow oop in a word's upper half.
     */
    @BeforeEach
    void build() throws IOException {
        heap = new GraphHeap(1 << 16, 256);
        loader = heap.instance(GraphHeap.LOADER);
        appMirror = heap.appClass(loader, 2);
        nodeMirror = heap.mirror(GraphHeap.NODE, 0);
        registry = heap.objArray(5);
        inArray = heap.instance(GraphHeap.NODE);
        heap.putOop(appMirror + GraphHeap.STATICS, registry);
        heap.slot(registry, 3, inArray);
        held3 = heap.instance(GraphHeap.NODE);
        holder1 = heap.instance(GraphHeap.HOLDER);
        holder2 = heap.instance(GraphHeap.HOLDER);
        heap.putOop(holder1 + GraphHeap.A, held3);
        heap.putOop(holder1 + GraphHeap.B, held3);
        heap.putOop(holder2 + GraphHeap.C, held3);
        cycle = new long[] {heap.instance(GraphHeap.NODE), heap.instance(GraphHeap.NODE),
            heap.instance(GraphHeap.NODE)};
        for (int i = 0; i < 3; i++) {
            heap.putOop(cycle[i] + GraphHeap.NEXT, cycle[(i + 1) % 3]);
        }
        heap.putOop(holder2 + GraphHeap.A, cycle[0]);
        weakRef = heap.instance(GraphHeap.WEAK);
        weaklyHeld = heap.instance(GraphHeap.NODE);
        heap.putOop(weakRef + GraphHeap.REFERENT, weaklyHeld);
        heap.putOop(holder2 + GraphHeap.B, weakRef);
        garbage = heap.instance(GraphHeap.NODE);
        garbageHolder = heap.instance(GraphHeap.NODE);
        heap.putOop(garbageHolder + GraphHeap.NEXT, garbage);
        onStack = heap.instance(GraphHeap.NODE);
        onStackNarrow = heap.instance(GraphHeap.NODE);
        inRegister = heap.instance(GraphHeap.NODE);
        heap.intArray(3);

        heap.root(loader, RootKind.CLASS_LOADER, "class loader data", "");
        heap.root(holder1, RootKind.JAVA_LOCAL, "frame 0 of Main.main, local 1", "main");
        heap.root(holder2, RootKind.THREAD_OBJECT, "thread object", "worker");
        heap.root(0x1234_5678L, RootKind.JNI_GLOBAL, "a root to nowhere", "");
        long stack = heap.stack("worker", 0L, 42L, inRegister);
        heap.putLong(stack + 8, onStack);
        heap.putLong(stack + 16, (onStackNarrow >>> 3) << 32 | 0x7);
        heap.putLong(stack + 24, onStack + 4);
        index = IndexStore.in(dir).open(CORE, heap.memory(), () -> heap.inputs(CORE), IndexProgress.NONE, 2)
                .index();
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    int id(long address) {
        int id = index.idOf(address);
        assertTrue(id >= 0, () -> String.format("no object at 0x%x", address));
        return id;
    }

    Set<Long> addresses(int[] ids) {
        Set<Long> s = new TreeSet<>();
        for (int i : ids) {
            s.add(index.address(i));
        }
        return s;
    }

    List<String> labels(long from, long to) {
        return index.labels(id(from), id(to)).stream().map(EdgeLabel::describe).toList();
    }

    @Test
    void everyObjectHasAnIdInAddressOrder() {
        assertEquals(19, index.objectCount());
        long previous = 0;
        for (int i = 0; i < index.objectCount(); i++) {
            long a = index.address(i);
            assertTrue(a > previous);
            assertEquals(i, index.idOf(a));
            assertEquals(-1, index.idOf(a + 8));
            previous = a;
        }
        assertEquals(-1, index.idOf(0));
        assertEquals(-1, index.idOf(GraphHeap.BASE - 8));
        assertEquals(-1, index.idOf(heap.top));
        assertEquals("x.Node", index.klassOf(id(held3)).name());
        assertEquals(24, index.size(id(held3)));
        assertEquals(40, index.size(id(registry)));
        assertEquals("java.lang.Class for x.App", index.displayName(id(appMirror)));
    }

    @Test
    void anObjectHeldByExactlyThreeFields() {
        assertEquals(Set.of(holder1, holder2), addresses(index.inbound(id(held3))));
        assertEquals(List.of("x.Holder.a", "x.Holder.b"), labels(holder1, held3));
        assertEquals(List.of("x.Holder.c"), labels(holder2, held3));
    }

    @Test
    void anArraySlotAndAStaticField() {
        assertEquals(Set.of(registry), addresses(index.inbound(id(inArray))));
        assertEquals(List.of("java.lang.Object[][3]"), labels(registry, inArray));
        assertEquals(Set.of(appMirror), addresses(index.inbound(id(registry))));
        assertEquals(List.of("static x.App.REGISTRY"), labels(appMirror, registry));
    }

    @Test
    void theShortestPathRunsFromTheLoaderThroughTheStaticField() {
        List<Long> path = new ArrayList<>();
        int at = id(inArray);
        while (at >= 0) {
            path.add(0, index.address(at));
            at = index.parent(at);
        }
        assertEquals(HeapIndex.NO_PARENT_ROOT, index.parent(id(loader)));
        assertEquals(List.of(loader, appMirror, registry, inArray), path);
        assertEquals(List.of("(class defined by the loader) x.App"), labels(loader, appMirror));
        assertEquals(List.of("java.lang.Class.classLoader", "(class loader of) x.App"), labels(appMirror, loader));
    }

    @Test
    void pathsComeFromTheMostLastingRootsAndAllFindsTheOthers() {
        // held3 is held by holder1 (a Java local) and holder2 (a thread object): the thread object wins.
        assertEquals(id(holder2), index.parent(id(held3)));
        io.sashell.analysis.PathResult one = io.sashell.analysis.GcPaths.find(index, id(held3), false, false, -1);
        assertEquals(1, one.paths().size());
        assertEquals(holder2, one.paths().get(0).root().address());
        assertEquals(List.of("x.Holder.c"), one.paths().get(0).hops().stream().map(h -> h.via().describe()).toList());
        io.sashell.analysis.PathResult all = io.sashell.analysis.GcPaths.find(index, id(held3), false, true, -1);
        assertEquals(List.of(holder2, holder1), all.paths().stream().map(p -> p.root().address()).toList());
        assertEquals(List.of("x.Holder.a"), all.paths().get(1).hops().stream().map(h -> h.via().describe())
                .toList());
        assertEquals(RootKind.JAVA_LOCAL, all.paths().get(1).rootKinds().get(0).kind());
        assertEquals(List.of(), all.notes());
    }

    @Test
    void aCycleIsReachedOnceAndHoldsItself() {
        for (long c : cycle) {
            assertTrue(index.isReachable(id(c)));
        }
        assertEquals(id(holder2), index.parent(id(cycle[0])));
        assertEquals(id(cycle[0]), index.parent(id(cycle[1])));
        assertEquals(id(cycle[1]), index.parent(id(cycle[2])));
        assertEquals(Set.of(holder2, cycle[2]), addresses(index.inbound(id(cycle[0]))));
    }

    @Test
    void aWeaklyHeldObjectIsReachableOnlyThroughItsReferent() {
        int w = id(weaklyHeld);
        assertArrayEquals(new int[0], index.inbound(w));
        assertEquals(Set.of(weakRef), addresses(index.weakInbound(w)));
        assertEquals(Set.of(weaklyHeld), addresses(index.weakOutbound(id(weakRef))));
        assertFalse(index.isReachable(w));
        assertEquals(HeapIndex.NO_PARENT_UNREACHED, index.parent(w));
        assertEquals(id(weakRef), index.weakParent(w));
        assertEquals(List.of("java.lang.ref.Reference.referent (weak)"), labels(weakRef, weaklyHeld));
        assertEquals(1, index.weakEdgeCount());
    }

    @Test
    void garbageIsUnreachableEvenWithReferents() {
        assertFalse(index.isReachable(id(garbage)));
        assertFalse(index.isReachable(id(garbageHolder)));
        assertEquals(HeapIndex.NO_PARENT_UNREACHED, index.weakParent(id(garbage)));
        assertEquals(Set.of(garbageHolder), addresses(index.inbound(id(garbage))));
    }

    @Test
    void everyObjectHoldsItsClassMirrorHiddenly() {
        assertEquals(List.of("(class) x.Node"), labels(held3, nodeMirror));
        assertTrue(index.isReachable(id(nodeMirror)));
        // Not stored: the mirror's inbound arrays do not list the 11 nodes.
        assertArrayEquals(new int[0], index.inbound(id(nodeMirror)));
    }

    @Test
    void rootsWithTheirKindsAndTheConservativeStack() {
        assertEquals(List.of(RootKind.CLASS_LOADER), kinds(loader));
        assertEquals(List.of(RootKind.JAVA_LOCAL), kinds(holder1));
        assertEquals("main", index.rootsOf(id(holder1)).get(0).threadName());
        assertEquals(List.of(RootKind.THREAD_OBJECT), kinds(holder2));
        assertEquals(List.of(RootKind.CONSERVATIVE), kinds(onStack));
        assertEquals(List.of(RootKind.CONSERVATIVE), kinds(onStackNarrow));
        assertEquals("stack word at 0x" + Long.toHexString(heap.heapEnd + 16) + " (narrow, upper half); test stack",
                index.rootsOf(id(onStackNarrow)).get(0).description());
        assertEquals("stack word at 0x" + Long.toHexString(heap.heapEnd + 8) + "; test stack",
                index.rootsOf(id(onStack)).get(0).description());
        assertEquals(List.of(RootKind.CONSERVATIVE), kinds(inRegister));
        assertEquals("register 2 = 0x" + Long.toHexString(inRegister) + "; test stack",
                index.rootsOf(id(inRegister)).get(0).description());
        assertEquals(List.of(), kinds(held3));
        assertEquals(6, index.roots().size());
        assertTrue(index.problems().stream().anyMatch(p -> p.startsWith("1 root points where no object starts")),
                index.problems()::toString);
    }

    private List<RootKind> kinds(long address) {
        return index.rootsOf(id(address)).stream().map(IndexedRoot::kind).toList();
    }

    @Test
    void liveTotalsPerClass() {
        IndexedKlass node = index.klassOf(id(held3));
        assertEquals(11, node.count());
        // Unreached: the weakly held node and the two garbage nodes.
        assertEquals(8, node.liveCount());
        assertEquals(8 * 24, node.liveBytes());
        // Not ZGC: the JVM's own heap iteration walks the heap, and counts every instance.
        assertEquals(11, node.iteratedCount());
        assertEquals(11 * 24, node.iteratedBytes());
        IndexedKlass app = index.klass(index.mirroredKlass(id(appMirror)));
        assertEquals("x.App", app.name());
        assertEquals(0, app.count());
        assertEquals(id(appMirror), app.mirror());
    }

    @Test
    void aHeapWalkedInTwoPartsIndexesEveryObjectInOrder(@TempDir Path other) throws IOException {
        GraphHeap big = new GraphHeap(1 << 20, 0);
        List<Long> objects = new ArrayList<>();
        List<Long> klasses = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < 5000; i++) {
            if (i == 1234) {
                // Cut the heap here: two ranges, two walking threads, a part boundary inside a group of 64 ids.
                big.split = big.top;
            }
            long klass = i % 3 == 0 ? GraphHeap.NODE : i % 3 == 1 ? GraphHeap.HOLDER : GraphHeap.OBJECT;
            long a = i % 7 == 0 ? big.objArray(i % 50) : big.instance(klass);
            objects.add(a);
            klasses.add(i % 7 == 0 ? GraphHeap.OBJ_ARRAY : klass);
            if (previous != 0 && klass == GraphHeap.NODE && i % 7 != 0) {
                big.putOop(a + GraphHeap.NEXT, previous);
            }
            previous = a;
        }
        big.root(objects.get(4999), RootKind.THREAD_OBJECT, "thread", "main");
        try (HeapIndex idx = IndexStore.in(other).open(CORE, big.memory(), () -> big.inputs(CORE), IndexProgress.NONE,
                2).index()) {
            assertEquals(5000, idx.objectCount());
            for (int i = 0; i < 5000; i++) {
                assertEquals(objects.get(i), idx.address(i), "id " + i);
                assertEquals(klasses.get(i), idx.klassOf(i).address(), "id " + i);
                long expectedSize = klasses.get(i) == GraphHeap.OBJ_ARRAY ? GraphHeap.align(16 + 4L * (i % 50))
                        : big.klasses.get(klasses.get(i)).instanceSize();
                assertEquals(expectedSize, idx.size(i), "id " + i);
            }
        }
    }

    @Test
    void aFieldTheVmInjectsIsAnEdgeNamedAsTheVmNamesIt(@TempDir Path other) throws IOException {
        GraphHeap g = new GraphHeap(1 << 14, 0);
        long resolved = GraphHeap.KLASS_BASE + 0xB00;
        // As java.lang.invoke.ResolvedMethodName: no Java field holds a reference; the VM injects vmholder at 12
        // and the oop maps hold a second slot at 16 that no injected field names.
        g.klasses.put(resolved, new io.sashell.sa.SaKlassInfo(resolved, "java.lang.invoke.ResolvedMethodName",
                io.sashell.sa.SaKlassKind.INSTANCE, 24, 0, 0, 0, GraphHeap.OBJECT, 0, "bootstrap", 0, List.of(),
                List.of(), List.of(
                        new io.sashell.sa.SaKlassField("vmholder", "Ljava/lang/Class;", 12,
                                "java.lang.invoke.ResolvedMethodName"),
                        new io.sashell.sa.SaKlassField("<vm oop +16>", "Ljava/lang/Object;", 16,
                                "java.lang.invoke.ResolvedMethodName"))));
        long holder = g.instance(resolved);
        long held = g.instance(GraphHeap.NODE);
        long other2 = g.instance(GraphHeap.NODE);
        g.putOop(holder + 12, held);
        g.putOop(holder + 16, other2);
        g.root(holder, RootKind.VM_INTERNAL, "handle", "");
        try (HeapIndex idx = IndexStore.in(other).open(CORE, g.memory(), () -> g.inputs(CORE), IndexProgress.NONE,
                2).index()) {
            int h = idx.idOf(holder);
            int t = idx.idOf(held);
            assertArrayEquals(new int[] {h}, idx.inbound(t));
            assertEquals(List.of(new EdgeLabel(EdgeLabel.Kind.VM_FIELD, "java.lang.invoke.ResolvedMethodName",
                    "vmholder", -1, ReferenceType.NONE)), idx.labels(h, t));
            assertEquals("java.lang.invoke.ResolvedMethodName.vmholder (injected by the VM)",
                    idx.labels(h, t).get(0).describe());
            assertFalse(idx.labels(h, t).get(0).isHidden());
            assertEquals(h, idx.parent(t));
            assertEquals("java.lang.invoke.ResolvedMethodName.<vm oop +16> (injected by the VM)",
                    idx.labels(h, idx.idOf(other2)).get(0).describe());
        }
    }

    @Test
    void theFramesOfAParkedVirtualThreadHoldWhatTheirWordsPointAt(@TempDir Path other) throws IOException {
        GraphHeap vt = new GraphHeap(1 << 14, 0);
        long chunk = vt.stackChunk(10, 4);
        long full = vt.instance(GraphHeap.NODE);
        long narrow = vt.instance(GraphHeap.NODE);
        long dead = vt.instance(GraphHeap.NODE);
        vt.stackWord(chunk, 5, full);
        vt.stackWord(chunk, 7, ((narrow >>> 3) << 32) | 0x11);
        vt.stackWord(chunk, 2, dead);
        vt.root(chunk, RootKind.THREAD_OBJECT, "thread", "v1");
        try (HeapIndex idx = IndexStore.in(other).open(CORE, vt.memory(), () -> vt.inputs(CORE), IndexProgress.NONE,
                1).index()) {
            int c = idx.idOf(chunk);
            assertEquals(8 * (3 + 10 + 1), idx.size(c));
            assertEquals(c, idx.parent(idx.idOf(full)));
            assertEquals(c, idx.parent(idx.idOf(narrow)));
            assertFalse(idx.isReachable(idx.idOf(dead)), "a word below sp is no frame's");
            assertEquals(List.of("(word 5 of a virtual thread's stack)"),
                    idx.labels(c, idx.idOf(full)).stream().map(EdgeLabel::describe).toList());
            assertEquals(List.of("(word 7 of a virtual thread's stack)"),
                    idx.labels(c, idx.idOf(narrow)).stream().map(EdgeLabel::describe).toList());
            assertTrue(idx.labels(c, idx.idOf(full)).get(0).isHidden());
        }
    }

    @Test
    void slotsOfALargeArrayAreFoundThroughItsSlotTable(@TempDir Path other) throws IOException {
        GraphHeap big = new GraphHeap(1 << 20, 0);
        int length = 100_000;
        long array = big.objArray(length);
        long a = big.instance(GraphHeap.NODE);
        long b = big.instance(GraphHeap.NODE);
        for (int i = 0; i < length; i += 3) {
            big.slot(array, i, a);
        }
        big.slot(array, 99_998, b);
        big.slot(array, 12_346, b);
        big.root(array, RootKind.THREAD_OBJECT, "thread", "main");
        try (HeapIndex idx = IndexStore.in(other).open(CORE, big.memory(), () -> big.inputs(CORE), IndexProgress.NONE,
                1).index()) {
            int arr = idx.idOf(array);
            for (int round = 0; round < 2; round++) {
                assertEquals(List.of("java.lang.Object[][12346]", "java.lang.Object[][99998]"),
                        idx.labels(arr, idx.idOf(b)).stream().map(EdgeLabel::describe).toList());
                assertEquals(List.of("java.lang.Object[][12346]"),
                        idx.labels(arr, idx.idOf(b), 1).stream().map(EdgeLabel::describe).toList());
                assertEquals(33_334, idx.labels(arr, idx.idOf(a)).size());
                assertEquals(List.of(), idx.labels(arr, arr));
            }
        }
    }

    @Test
    void outboundReferencesInFieldOrder() {
        List<String> refs = index.references(id(holder2), -1).stream()
                .map(r -> r.label().describe() + "=" + Long.toHexString(r.address())).toList();
        assertEquals(List.of("x.Holder.a=" + Long.toHexString(cycle[0]), "x.Holder.b=" + Long.toHexString(weakRef),
                "x.Holder.c=" + Long.toHexString(held3)), refs);
        assertEquals(Set.of(cycle[0], weakRef, held3), addresses(index.outbound(id(holder2))));
    }

    @Test
    void everyStoredEdgeHasALabelAndEveryLabelledReferenceIsStored() {
        for (int s = 0; s < index.objectCount(); s++) {
            Set<Integer> stored = new TreeSet<>();
            for (int t : index.outbound(s)) {
                stored.add(t);
                assertFalse(index.labels(s, t).isEmpty());
            }
            int source = s;
            Set<Integer> read = index.references(s, -1).stream()
                    .filter(r -> !r.label().isWeak() && r.label().kind() != EdgeLabel.Kind.CLASS)
                    .map(HeapIndex.Reference::id).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(read, stored, () -> "object " + source);
        }
    }
}
