package io.sashell.sa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.debugger.ThreadContext;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.oops.OopUtilities;
import sun.jvm.hotspot.runtime.AddressVisitor;
import sun.jvm.hotspot.runtime.JNIHandleBlock;
import sun.jvm.hotspot.runtime.JavaThread;
import sun.jvm.hotspot.runtime.JavaThreadState;
import sun.jvm.hotspot.runtime.Threads;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.types.Field;
import sun.jvm.hotspot.types.Type;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * The roots each Java thread holds: its thread object, the oops the VM keeps in the thread (pending exception,
 * VM call results), its JNI local handles, its lock stack (JDK 21+), and its frames ({@link SaRootFrames}).
 */
final class SaRootThreads {
    private SaRootThreads() {
    }

    /** Every Java thread with its name and thread object; a thread SA cannot read is a problem, not a stop. */
    static List<SaRootThread> threads(SaRootCollector out) {
        Threads threads = VM.getVM().getThreads();
        int n = threads.getNumberOfThreads();
        List<SaRootThread> list = new ArrayList<>(n);
        Field ownerIdField = null;
        for (Iterator<?> it = VM.getVM().getTypeDataBase().lookupType("JavaThread").getFields(); it.hasNext(); ) {
            Field f = (Field) it.next();
            if (f.getName().equals("_monitor_owner_id")) {
                ownerIdField = f;
            }
        }
        for (int i = 0; i < n; i++) {
            try {
                list.add(describe(threads.getJavaThreadAt(i), ownerIdField));
            } catch (RuntimeException | Error e) {
                out.problem("thread #" + i + " unreadable", e);
            }
        }
        return list;
    }

    private static SaRootThread describe(JavaThread jt, Field ownerIdField) {
        long object = 0;
        String name = "";
        Oop obj = jt.getThreadObj();
        if (obj != null) {
            object = SaAddresses.of(obj.getHandle());
            try {
                name = OopUtilities.threadOopGetName(obj);
            } catch (RuntimeException e) {
                name = "";
            }
        }
        if (name == null || name.isEmpty()) {
            name = String.format("<JavaThread 0x%x>", SaAddresses.of(jt.getAddress()));
        }
        long osTid = -1;
        try {
            osTid = jt.getOSThread().threadId();
        } catch (RuntimeException e) {
            osTid = -1;
        }
        long stackBase = 0;
        long stackLow = 0;
        try {
            stackBase = jt.getStackBaseValue();
            stackLow = stackBase - jt.getStackSize();
        } catch (RuntimeException e) {
            stackBase = 0;
            stackLow = 0;
        }
        long ownerId = -1;
        if (ownerIdField != null) {
            ownerId = jt.getAddress().getCIntegerAt(ownerIdField.getOffset(), 8, false);
        }
        return new SaRootThread(jt, name, object, osTid, stackLow, stackBase, ownerId);
    }

    /** Everything one thread holds; each part fails on its own. */
    static void walk(SaRootThread t, ThreadLayout layout, SaRootCollector out) {
        out.add(t.threadObject(), RootKind.THREAD_OBJECT, "thread object of \"" + t.name() + "\"", t);
        try {
            layout.threadOops(t, out);
        } catch (RuntimeException | Error e) {
            out.problem("thread \"" + t.name() + "\": VM-held oops unreadable", e);
        }
        try {
            jniLocals(t, out);
        } catch (RuntimeException | Error e) {
            out.problem("thread \"" + t.name() + "\": JNI locals unreadable", e);
        }
        // Frames first: their monitor roots name the frame, the lock stack's only the thread.
        SaRootFrames.walk(t, out);
        try {
            layout.lockStack(t, out);
        } catch (RuntimeException | Error e) {
            out.problem("thread \"" + t.name() + "\": lock stack unreadable", e);
        }
    }

    private static void jniLocals(SaRootThread t, SaRootCollector out) {
        // Declared on Thread in SA 17 and on JavaThread in SA 25: the same call links on both.
        JNIHandleBlock block = t.thread().activeHandles();
        if (block != null) {
            jniLocals(t, out, block, "");
        }
    }

    /**
     * The JNI locals native code made before it called into Java: each Java call (an entry frame) saves the
     * caller's handle block in its {@code JavaCallWrapper} and the VM visits it there (SA's frame walk does
     * not). The wrapper's layout: {@code _thread}, {@code _handles}, {@code _callee_method}, {@code _receiver},
     * then {@code _anchor} (the one field in the type database); {@code _thread} must be this thread.
     */
    static void savedJniLocals(SaRootThread t, SaRootCollector out, sun.jvm.hotspot.runtime.Frame entry,
                               int frame) {
        Address wrapper = entry.getEntryFrameCallWrapper().getAddress();
        long anchor = VM.getVM().getTypeDataBase().lookupType("JavaCallWrapper").getField("_anchor").getOffset();
        if (wrapper == null || anchor != 32 || !t.thread().getAddress().equals(wrapper.getAddressAt(0))) {
            out.problem("thread \"" + t.name() + "\" frame " + frame + ": Java call wrapper layout differs: the "
                    + "JNI locals it saved are not roots");
            return;
        }
        Address saved = wrapper.getAddressAt(8);
        if (saved != null) {
            jniLocals(t, out, new JNIHandleBlock(saved), ", saved by the Java call at frame " + frame);
        }
        OopHandle receiver = wrapper.getOopHandleAt(anchor - 8);
        if (out.inHeap(receiver)) {
            // Concatenation, not String.format: one of these per Java call of every thread.
            out.add(SaAddresses.of(receiver), RootKind.JNI_LOCAL, "receiver of the Java call at frame " + frame
                    + " of \"" + t.name() + "\"", t);
        }
    }

    private static void jniLocals(SaRootThread t, SaRootCollector out, JNIHandleBlock block, String where) {
        block.oopsDo(new AddressVisitor() {
            @Override
            public void visitAddress(Address slot) {
                OopHandle oop = slot.getOopHandleAt(0);
                if (out.inHeap(oop)) {
                    out.add(SaAddresses.of(oop), RootKind.JNI_LOCAL, "JNI local handle 0x"
                            + Long.toHexString(SaAddresses.of(slot)) + " of \"" + t.name() + "\"" + where, t);
                }
            }

            @Override
            public void visitCompOopAddress(Address slot) {
                visitAddress(slot);
            }
        });
    }

    /** True when the thread was running Java code at the crash: no frame anchor, so no precise top frame. */
    static boolean runningJava(JavaThread jt) {
        JavaThreadState state = jt.getThreadState();
        return state == JavaThreadState.IN_JAVA || state == JavaThreadState.IN_JAVA_TRANS;
    }

    /** The thread's general registers at the crash (from the core), or an empty list. */
    static List<Long> registers(JavaThread jt) {
        List<Long> values = new ArrayList<>();
        try {
            ThreadContext ctx = jt.getThreadProxy().getContext();
            for (int i = 0; i < ctx.getNumRegisters(); i++) {
                values.add(ctx.getRegister(i));
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return values;
    }

    /**
     * Offsets of the thread fields that hold oops, read once from the type database: plain oop fields
     * (pending exception, VM call results), OopHandles (thread object, mounted virtual thread, scoped value
     * cache), and the lock stack where the VM has one.
     */
    static final class ThreadLayout {
        private final Map<String, Long> oopFields = new HashMap<>();
        private final Map<String, Long> handleFields = new HashMap<>();
        private final long lockStackBase;
        private final long lockStackTop;
        private final long lockStackEnd;
        /** OopHandle slot address → "JavaThread._field of "name"", for the thread OopStorage walk. */
        private final Map<Long, String> handleSlots = new HashMap<>();
        private final Map<Long, SaRootThread> handleThreads = new HashMap<>();

        ThreadLayout() {
            TypeDataBase db = VM.getVM().getTypeDataBase();
            Type javaThread = db.lookupType("JavaThread");
            for (Type t = javaThread; t != null; t = t.getSuperclass()) {
                for (Iterator<?> it = t.getFields(); it.hasNext(); ) {
                    Field f = (Field) it.next();
                    if (f.isStatic()) {
                        continue;
                    }
                    String type = f.getType().getName();
                    if (type.equals("oop")) {
                        oopFields.putIfAbsent(t.getName() + "." + f.getName(), f.getOffset());
                    } else if (type.equals("OopHandle")) {
                        handleFields.putIfAbsent(f.getName(), f.getOffset());
                    }
                }
            }
            Type lockStack = db.lookupType("LockStack", false);
            if (lockStack != null) {
                long at = javaThread.getField("_lock_stack").getOffset();
                lockStackTop = at + lockStack.getField("_top").getOffset();
                lockStackBase = at + lockStack.getField("_base[0]").getOffset();
                lockStackEnd = at + lockStack.getSize();
            } else {
                lockStackTop = -1;
                lockStackBase = -1;
                lockStackEnd = -1;
            }
        }

        void threadOops(SaRootThread t, SaRootCollector out) {
            Address addr = t.thread().getAddress();
            for (Map.Entry<String, Long> e : oopFields.entrySet()) {
                OopHandle oop = addr.getOopHandleAt(e.getValue());
                if (out.inHeap(oop)) {
                    out.add(SaAddresses.of(oop), RootKind.VM_INTERNAL, e.getKey() + " of \"" + t.name() + "\"", t);
                }
            }
            for (Map.Entry<String, Long> e : handleFields.entrySet()) {
                Address slot = addr.getAddressAt(e.getValue());
                if (slot == null) {
                    continue;
                }
                handleSlots.put(SaAddresses.of(slot), "JavaThread." + e.getKey() + " of \"" + t.name() + "\"");
                handleThreads.put(SaAddresses.of(slot), t);
                if (e.getKey().equals("_vthread")) {
                    OopHandle vthread = slot.getOopHandleAt(0);
                    long v = out.objectOf(vthread);
                    if (out.inHeap(vthread) && v != t.threadObject()) {
                        out.add(v, RootKind.THREAD_OBJECT, "virtual thread mounted on \"" + t.name() + "\"", t);
                    }
                }
            }
        }

        void lockStack(SaRootThread t, SaRootCollector out) {
            if (lockStackTop < 0) {
                return;
            }
            Address addr = t.thread().getAddress();
            long top = addr.getCIntegerAt(lockStackTop, 4, true);
            if (top < lockStackBase || top > lockStackEnd) {
                out.problem(String.format("thread \"%s\": lock stack top %d outside [%d, %d]", t.name(), top,
                        lockStackBase, lockStackEnd));
                return;
            }
            long word = VM.getVM().getAddressSize();
            for (long at = lockStackBase, i = 0; at < top; at += word, i++) {
                OopHandle oop = addr.getOopHandleAt(at);
                if (out.inHeap(oop)) {
                    out.lockStackOwner(SaAddresses.of(oop), t);
                    out.add(SaAddresses.of(oop), RootKind.BUSY_MONITOR,
                            "lock stack entry " + i + " of \"" + t.name() + "\" (fast-locked)", t);
                }
            }
        }

        /** What a slot of the thread OopStorage belongs to, or null. */
        String handleSlot(long slot) {
            return handleSlots.get(slot);
        }

        SaRootThread handleThread(long slot) {
            return handleThreads.get(slot);
        }
    }
}
