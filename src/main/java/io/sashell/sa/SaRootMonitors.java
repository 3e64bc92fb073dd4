package io.sashell.sa;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.runtime.JavaThread;
import sun.jvm.hotspot.runtime.ObjectMonitor;
import sun.jvm.hotspot.runtime.Threads;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.types.Type;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * Inflated monitors in use ({@code ObjectSynchronizer::_in_use_list}), walked from the list head ourselves:
 * SA 17's iterator skips the head. A monitor is a root while a thread owns it, waits on it or contends for it.
 */
final class SaRootMonitors {
    private static final int MAX_MONITORS = 10_000_000;
    /** JDK 17's DEFLATER_MARKER is (void*)-1; JDK 21+ keeps owner ids where 2 is the deflater marker. */
    private static final long DEFLATER_MARKER_17 = -1L;
    private static final long DEFLATER_MARKER_ID = 2L;

    private SaRootMonitors() {
    }

    static void walk(SaRootCollector out) {
        TypeDataBase db = VM.getVM().getTypeDataBase();
        Address list = db.lookupType("ObjectSynchronizer").getField("_in_use_list").getStaticFieldAddress();
        Type monitorList = db.lookupType("MonitorList", false);
        long headOffset = monitorList == null ? 0 : monitorList.getField("_head").getOffset();
        Address at = list.getAddressAt(headOffset);
        Threads threads = VM.getVM().getThreads();
        boolean ownerIds = db.lookupType("LockStack", false) != null;
        int n = 0;
        while (at != null) {
            if (++n > MAX_MONITORS) {
                out.problem("more than " + MAX_MONITORS + " monitors in use: the rest not walked");
                return;
            }
            ObjectMonitor monitor = new ObjectMonitor(at);
            try {
                monitor(monitor, threads, ownerIds, out);
            } catch (RuntimeException | Error e) {
                out.problem(String.format("monitor 0x%x unreadable", SaAddresses.of(at)), e);
            }
            at = monitor.nextOM();
        }
    }

    private static void monitor(ObjectMonitor monitor, Threads threads, boolean ownerIds, SaRootCollector out) {
        OopHandle object = monitor.object();
        if (!out.inHeap(object)) {
            return;
        }
        long owner = SaAddresses.of(monitor.owner());
        boolean owned = owner != 0 && owner != DEFLATER_MARKER_17 && !(ownerIds && owner == DEFLATER_MARKER_ID);
        int waiters = monitor.waiters();
        int contentions = monitor.contentions();
        if (!owned && waiters <= 0 && contentions <= 0) {
            return;
        }
        SaRootThread thread = null;
        String ownerText = "no owner";
        if (owned) {
            thread = ownerOf(monitor, object, threads, out);
            ownerText = thread == null ? "owner unknown" : "owned by \"" + thread.name() + "\"";
        }
        String description = String.format("inflated monitor 0x%x, %s, %d waiting, %d contending",
                SaAddresses.of(monitor.getAddress()), ownerText, Math.max(0, waiters), Math.max(0, contentions));
        out.add(SaAddresses.of(object), RootKind.BUSY_MONITOR, description, thread);
    }

    private static SaRootThread ownerOf(ObjectMonitor monitor, OopHandle object, Threads threads,
                                        SaRootCollector out) {
        if (SaRootCompat.isOwnedAnonymous(monitor)) {
            // Held on a lock stack; SA's own lookup prints a warning to stdout when it finds no owner.
            return out.lockStackOwner(SaAddresses.of(object));
        }
        // On 17 the owner is a JavaThread or a stack lock, on 25 an owner id: SA resolves both.
        JavaThread jt = threads.owningThreadFromMonitor(monitor);
        return jt == null ? null : out.thread(jt);
    }
}
