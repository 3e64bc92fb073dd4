package io.sashell.sa;


import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.JVMDebugger;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.gc.z.ZCollectedHeap;
import sun.jvm.hotspot.memory.Universe;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * SA's view of a generational ZGC heap (JDK 21+), with the oop loads SA 25 leaves unimplemented: reading a
 * reference field or an OopHandle decodes the coloured pointer found there, and {@link #isInReserved} answers
 * from the heap's address range. With it SA's own object model works on ZGC cores: thread objects and their
 * names, field values, mirrors, the roots' handles.
 * <p>
 * SA makes its heap object anew on each {@code Universe.heap()} call, through a private table from the VM's type
 * name to a class; {@link #install()} replaces that table with one naming this class. That needs
 * {@code --add-opens jdk.hotspot.agent/sun.jvm.hotspot.memory=ALL-UNNAMED} (the launcher passes it); without it
 * nothing changes and SA answers as before.
 */
public final class SaZgcCollectedHeap extends ZCollectedHeap {

    private static long heapBase;
    private static SaZgcForwardings forwardings = SaZgcForwardings.none();

    /** Called by SA's object factory, by reflection. */
    public SaZgcCollectedHeap(Address addr) {
        super(addr);
    }

    /**
     * Makes SA use this class for the attached VM's heap when it is generational ZGC. Returns false when the
     * heap is another, or SA's table cannot be replaced (no --add-opens): then SA is left as it was.
     */
    static boolean install() {
        VM vm = VM.getVM();
        TypeDataBase db = vm.getTypeDataBase();
        if (!(vm.getUniverse().heap() instanceof ZCollectedHeap) || !SaZgcHeap.isGenerational(db)) {
            return false;
        }
        Address base = vm.getDebugger().lookup(null, "ZAddressHeapBase");
        if (base == null) {
            return false;
        }
        try {
            heapBase = base.getCIntegerAt(0, 8, true);
            forwardings = readForwardings(vm, db);
            SaZgcHeap.useHeapClass(db, SaZgcCollectedHeap.class);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // InaccessibleObjectException without the --add-opens, or an SA whose Universe changed.
            return false;
        }
    }

    /** The forwarding tables, for stale coloured pointers in handles; none when they cannot be read. */
    private static SaZgcForwardings readForwardings(VM vm, TypeDataBase db) {
        try {
            Address heap = vm.getUniverse().heap().getAddress();
            long pageTable = heap.addOffsetTo(db.lookupType("ZCollectedHeap").getField("_heap").getOffset())
                    .addOffsetTo(db.lookupType("ZHeap").getField("_page_table").getOffset()).asLongValue();
            return SaZgcForwardingTables.read(db, vm.getDebugger(), heapBase, pageTable, SaZgcHeap.GENERATIONS);
        } catch (RuntimeException e) {
            return SaZgcForwardings.none();
        }
    }

    /**
     * The heap address a reference slot's raw value stands for, 0 for null or for a value that is not one:
     * a coloured pointer (fields, OopStorage and other native handles) decoded by its remap bits (and forwarded
     * when stale), or a plain address (frames and registers hold oops uncoloured). The heap's offsets are below
     * its base, so the two never meet: a plain address lies in [base, 2 × base), a coloured one far above.
     */
    public static long heapAddress(long raw, long heapBase) {
        if (raw >= heapBase && raw - heapBase < heapBase) {
            return raw;
        }
        long decoded = forwardings.forward(raw, SaZgcLayout.decodeColoured(raw));
        return decoded >= heapBase && decoded - heapBase < heapBase ? decoded : 0;
    }

    /** The heap base when {@code heap} is this class (SA's heap object of a generational ZGC core), else 0. */
    static long heapBaseOf(Object heap) {
        return heap instanceof SaZgcCollectedHeap ? heapBase : 0;
    }

    @Override
    public boolean isInReserved(Address a) {
        long v = a == null ? 0 : a.asLongValue();
        return v >= heapBase && v - heapBase < heapBase;
    }

    @Override
    public boolean isIn(Address a) {
        return isInReserved(a);
    }

    @Override
    public OopHandle oop_load_at(OopHandle handle, long offset) {
        return load(handle.getAddressAt(offset));
    }

    @Override
    public OopHandle oop_load_in_native(Address addr) {
        return load(addr.getAddressAt(0));
    }

    private static OopHandle load(Address raw) {
        long address = raw == null ? 0 : heapAddress(raw.asLongValue(), heapBase);
        if (address == 0) {
            return null;
        }
        JVMDebugger debugger = VM.getVM().getDebugger();
        return debugger.newAddress(address).addOffsetToAsOopHandle(0);
    }
}
