package io.sashell.sa;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.runtime.ObjectMonitor;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.types.Type;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * Inflated monitors in use ({@code ObjectSynchronizer::_in_use_list}), walked from the list head ourselves:
 * SA 17's iterator skips the head. A monitor is a root while a thread owns it, waits on it or contends for it.
 */
final class SaRootMonitors {
    private static final int MAX_MONITORS = 10_000_000;
    /** JDK 17's DEFLATER_MARKER is (void*)-1, JDK 21+'s is 2. */
    private static final long DEFLATER_MARKER_17 = -1L;
    private static final long DEFLATER_MARKER = 2L;
    /** JDK 21+: the monitor was inflated while fast-locked; the owner is on a lock stack. */
    private static final long ANONYMOUS_OWNER = 1L;

    private SaRootMonitors() {
    }

    static void walk(SaRootCollector out) {
        TypeDataBase db = VM.getVM().getTypeDataBase();
        Address list = db.lookupType("ObjectSynchronizer").getField("_in_use_list").getStaticFieldAddress();
        Type monitorList = db.lookupType("MonitorList", false);
        long headOffset = monitorList == null ? 0 : monitorList.getField("_head").getOffset();
        Address at = list.getAddressAt(headOffset);
        // JDK 21+ has lock stacks (anonymous owner 1, deflater marker 2); JDK 24+ keeps owner ids in
        // ObjectMonitor::_owner where JDK 17 keeps a thread or a stack lock address.
        boolean lockStacks = db.lookupType("LockStack", false) != null;
        boolean ownerIds = out.hasOwnerIds();
        int n = 0;
        while (at != null) {
            if (++n > MAX_MONITORS) {
                out.problem("more than " + MAX_MONITORS + " monitors in use: the rest not walked");
                return;
            }
            ObjectMonitor monitor = new ObjectMonitor(at);
            try {
                monitor(monitor, lockStacks, ownerIds, out);
            } catch (RuntimeException | Error e) {
                out.problem(String.format("monitor 0x%x unreadable", SaAddresses.of(at)), e);
            }
            at = monitor.nextOM();
        }
    }

    private static void monitor(ObjectMonitor monitor, boolean lockStacks, boolean ownerIds, SaRootCollector out) {
        OopHandle object = monitor.object();
        if (!out.inHeap(object)) {
            return;
        }
        long owner = SaAddresses.of(monitor.owner());
        boolean owned = owner != 0 && owner != DEFLATER_MARKER_17 && !(lockStacks && owner == DEFLATER_MARKER);
        int waiters = monitor.waiters();
        int contentions = monitor.contentions();
        if (!owned && waiters <= 0 && contentions <= 0) {
            return;
        }
        SaRootThread thread = null;
        String ownerText = "no owner";
        if (owned) {
            thread = ownerOf(owner, object, lockStacks, ownerIds, out);
            ownerText = thread == null ? "owner unknown" : "owned by \"" + thread.name() + "\"";
        }
        String description = String.format("inflated monitor 0x%x, %s, %d waiting, %d contending",
                SaAddresses.of(monitor.getAddress()), ownerText, Math.max(0, waiters), Math.max(0, contentions));
        out.add(SaAddresses.of(object), RootKind.BUSY_MONITOR, description, thread);
    }

    private static SaRootThread ownerOf(long owner, OopHandle object, boolean lockStacks, boolean ownerIds,
                                        SaRootCollector out) {
        if (lockStacks && owner == ANONYMOUS_OWNER) {
            // Inflated while fast-locked: the owner is whichever thread has the object on its lock stack.
            return out.lockStackOwner(SaAddresses.of(object));
        }
        return out.monitorOwner(owner, ownerIds);
    }
}
