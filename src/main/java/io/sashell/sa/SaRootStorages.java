package io.sashell.sa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.gc.shared.OopStorage;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.utilities.CStringUtilities;

/**
 * Roots kept in the VM's OopStorages: JNI global handles and the VM's own strong handles. SA's
 * {@code OopStorage.oopsDo} is an empty stub on 17 and 25, so the storages are walked here by their layout
 * (the same on both): the active array pointer at +8; the array's block count at +8 and {@code Block*}s from
 * +24; a block's 64 slots at +0, its allocation bitmask at +512, its owning storage at +520. The list of
 * storages is {@code OopStorageSet::_storages}, found by symbol in libjvm (no type database entry).
 */
final class SaRootStorages {
    static final String JNI_GLOBAL = "JNI Global";
    private static final String STORAGES_SYMBOL = "_ZN13OopStorageSet9_storagesE";
    private static final int MAX_STORAGES = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 _]{0,63}");
    private static final long ACTIVE_ARRAY = 8;
    private static final long BLOCK_COUNT = 8;
    private static final long BLOCKS = 24;
    private static final int BLOCK_SLOTS = 64;
    private static final long BITMASK = 512;
    private static final long OWNER = 520;
    private static final long MAX_BLOCKS = 1L << 24;

    private SaRootStorages() {
    }

    /** One storage of {@code OopStorageSet}: its name and address. */
    record Storage(String name, Address address) {
    }

    /** A slot in use and the oop it holds. */
    interface SlotConsumer {
        void accept(Address slot, OopHandle oop);
    }

    static void jniGlobals(SaRootCollector out) {
        OopStorage storage = VM.getVM().getJNIHandles().globalHandles();
        if (storage == null) {
            out.problem("no JNI global handle storage");
            return;
        }
        walk(storage.getAddress(), JNI_GLOBAL, out, (slot, oop) -> out.add(SaAddresses.of(oop),
                RootKind.JNI_GLOBAL, String.format("JNI global handle 0x%x", SaAddresses.of(slot)), null));
    }

    /** The VM's strong storages other than JNI globals, as {@link RootKind#VM_INTERNAL} roots. */
    static void vmInternal(SaRootCollector out, SaRootThreads.ThreadLayout threads) {
        for (Storage s : storages(out)) {
            if (!isStrong(s.name()) || s.name().equals(JNI_GLOBAL)) {
                continue;
            }
            walk(s.address(), s.name(), out, (slot, oop) -> {
                long object = SaAddresses.of(oop);
                long at = SaAddresses.of(slot);
                String owner = threads.handleSlot(at);
                if (owner != null && out.isThreadObject(object)) {
                    return;
                }
                String description = owner != null
                        ? owner + " (OopStorage \"" + s.name() + "\")"
                        : String.format("OopStorage \"%s\" slot 0x%x", s.name(), at);
                out.add(object, RootKind.VM_INTERNAL, description, owner == null ? null : threads.handleThread(at));
            });
        }
    }

    /**
     * True for the storages whose handles are strong roots. JDK 17 and 25 name them "JNI Global", "VM Global",
     * "Thread OopStorage", "ThreadService OopStorage", "JVMTI OopStorage"; every weak one has "Weak" in its name.
     */
    static boolean isStrong(String name) {
        return !name.toLowerCase(Locale.ROOT).contains("weak");
    }

    /** The storages named in {@code OopStorageSet::_storages}, in order. */
    static List<Storage> storages(SaRootCollector out) {
        List<Storage> list = new ArrayList<>();
        Address array = VM.getVM().getDebugger().lookup("libjvm.so", STORAGES_SYMBOL);
        if (array == null) {
            out.problem("no symbol " + STORAGES_SYMBOL + " in libjvm: the VM's own strong handles are missing");
            return list;
        }
        long word = VM.getVM().getAddressSize();
        // The array's length is not in the type database: read until an entry is no storage.
        for (int i = 0; i < MAX_STORAGES; i++) {
            Address storage;
            String name;
            try {
                storage = array.getAddressAt(i * word);
                if (storage == null) {
                    break;
                }
                Address namePtr = storage.getAddressAt(0);
                name = namePtr == null ? null : CStringUtilities.getString(namePtr);
            } catch (RuntimeException e) {
                break;
            }
            if (name == null || !NAME.matcher(name).matches()) {
                break;
            }
            list.add(new Storage(name, storage));
        }
        if (list.isEmpty()) {
            out.problem("OopStorageSet::_storages holds no storage: the VM's own strong handles are missing");
        }
        return list;
    }

    /** Calls {@code consumer} for each allocated slot of the storage that holds a heap oop. */
    static void walk(Address storage, String name, SaRootCollector out, SlotConsumer consumer) {
        try {
            Address active = storage.getAddressAt(ACTIVE_ARRAY);
            if (active == null) {
                return;
            }
            long count = active.getCIntegerAt(BLOCK_COUNT, 8, true);
            if (count < 0 || count > MAX_BLOCKS) {
                out.problem("OopStorage \"" + name + "\": implausible block count " + count);
                return;
            }
            long word = VM.getVM().getAddressSize();
            for (long i = 0; i < count; i++) {
                Address block = active.getAddressAt(BLOCKS + i * word);
                if (block == null) {
                    continue;
                }
                Address owner = block.getAddressAt(OWNER);
                if (owner == null || !owner.equals(storage)) {
                    out.problem(String.format("OopStorage \"%s\": block 0x%x has owner %s, not this storage: "
                            + "layout differs, storage skipped", name, SaAddresses.of(block), owner));
                    return;
                }
                long bits = block.getCIntegerAt(BITMASK, 8, true);
                for (int slot = 0; slot < BLOCK_SLOTS; slot++) {
                    if ((bits & (1L << slot)) == 0) {
                        continue;
                    }
                    Address at = block.addOffsetTo(slot * word);
                    OopHandle oop = at.getOopHandleAt(0);
                    if (out.inHeap(oop)) {
                        consumer.accept(at, oop);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            out.problem("OopStorage \"" + name + "\" unreadable", e);
        }
    }
}
