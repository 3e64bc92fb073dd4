package io.sashell.sa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.memory.Universe;
import sun.jvm.hotspot.runtime.VM;

/**
 * Gathers the roots, conservative stack ranges and problems of one enumeration. Objects outside the heap's
 * reserved range are never recorded as roots: a precise walk that yields one is counted as a problem instead.
 */
final class SaRootCollector {
    private final List<GcRoot> roots = new ArrayList<>();
    private final List<StackRange> ranges = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Long> weakHandles = new ArrayList<>();
    private final List<LoaderData> loaderData = new ArrayList<>();
    private final Set<Long> threadObjects = new HashSet<>();
    private final Map<Long, SaRootThread> lockStackOwners = new HashMap<>();
    private final Map<Long, SaRootThread> threadsByAddress = new HashMap<>();
    private final Map<Long, SaRootThread> threadsByOwnerId = new HashMap<>();
    private final Universe universe = VM.getVM().getUniverse();
    /** Generational ZGC's heap base, else 0: root slots there hold coloured pointers or plain addresses. */
    private final long zgcHeapBase = SaZgcCollectedHeap.heapBaseOf(universe.heap());

    void add(long object, RootKind kind, String description, SaRootThread thread) {
        object = plain(object);
        if (object == 0) {
            return;
        }
        if (kind == RootKind.THREAD_OBJECT) {
            threadObjects.add(object);
        }
        roots.add(new GcRoot(object, kind, description, thread == null ? "" : thread.name(),
                thread == null ? 0L : thread.threadObject()));
    }

    /** True when {@code a} (an oop read from a root slot) lies in the Java heap's reserved range. */
    boolean inHeap(Address a) {
        if (a != null && zgcHeapBase != 0) {
            return plain(a.asLongValue()) != 0;
        }
        return a != null && universe.isInReserved(a);
    }

    /** The object an oop read from a root slot refers to (a ZGC coloured pointer decoded), 0 for none. */
    long objectOf(Address oop) {
        return oop == null ? 0 : plain(oop.asLongValue());
    }

    /** The object a root slot's value refers to: itself, but a ZGC coloured pointer decoded (0: none). */
    private long plain(long value) {
        return zgcHeapBase == 0 ? value : SaZgcCollectedHeap.heapAddress(value, zgcHeapBase);
    }

    boolean isThreadObject(long object) {
        return threadObjects.contains(plain(object));
    }

    void thread(SaRootThread thread) {
        threadsByAddress.put(SaAddresses.of(thread.thread().getAddress()), thread);
        if (thread.ownerId() >= 0) {
            threadsByOwnerId.put(thread.ownerId(), thread);
        }
    }

    /** True when threads carry monitor owner ids (JDK 24+). */
    boolean hasOwnerIds() {
        return !threadsByOwnerId.isEmpty();
    }

    /**
     * The thread an inflated monitor's owner field names, or null: a JavaThread address (JDK 17), an address
     * on a thread's stack (a stack lock inflated while held, JDK 17), or an owner id (JDK 24+).
     */
    SaRootThread monitorOwner(long owner, boolean ownerIds) {
        if (ownerIds) {
            return threadsByOwnerId.get(owner);
        }
        SaRootThread t = threadsByAddress.get(owner);
        if (t != null) {
            return t;
        }
        for (SaRootThread s : threadsByAddress.values()) {
            if (s.onStack(owner)) {
                return s;
            }
        }
        return null;
    }

    void lockStackOwner(long object, SaRootThread thread) {
        lockStackOwners.putIfAbsent(plain(object), thread);
    }

    SaRootThread lockStackOwner(long object) {
        return lockStackOwners.get(plain(object));
    }

    void range(StackRange range) {
        ranges.add(range);
    }

    void problem(String line) {
        problems.add(line);
    }

    /** Records {@code e} as one problem line about {@code what}; rethrows what no walk should swallow. */
    void problem(String what, Throwable e) {
        rethrowFatal(e);
        problems.add(what + ": " + SaErrors.oneLine(e));
    }

    static void rethrowFatal(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
    }

    /** True on generational ZGC (coloured pointers in root slots). */
    boolean zgc() {
        return zgcHeapBase != 0;
    }

    void weakHandle(long object) {
        object = plain(object);
        if (object != 0) {
            weakHandles.add(object);
        }
    }

    void loaderData(LoaderData d) {
        loaderData.add(d);
    }

    RootSet result() {
        return new RootSet(roots, ranges, problems, weakHandles, loaderData);
    }
}
