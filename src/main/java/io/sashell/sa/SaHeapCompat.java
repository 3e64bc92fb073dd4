package io.sashell.sa;

import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.types.Type;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * The differences between SA 17 and SA 25 that heap metadata runs into, in one place. Everything here goes
 * through SA's type database (by C++ type and constant names) or VM flags, whose API is the same on both
 * releases, so the same class file runs against a 17 core on JDK 17 and a 25 core on JDK 25:
 * <ul>
 * <li>G1's C++ {@code HeapRegion}/{@code HeapRegionType} (17) became {@code G1HeapRegion}/{@code
 * G1HeapRegionType} (25), and SA's Java classes were renamed with them;</li>
 * <li>Serial's heap type is {@code GenCollectedHeap} on 17 and {@code SerialHeap} on 25;</li>
 * <li>{@code VM.isCompactObjectHeadersEnabled()} and {@code Mark.getKlassShift()} exist only on 25.</li>
 * </ul>
 */
final class SaHeapCompat {

    private static final String[] G1_REGION_TYPES = {"G1HeapRegion", "HeapRegion"};
    private static final String[] G1_REGION_TAG_TYPES = {"G1HeapRegionType", "HeapRegionType"};
    private static final String[] SERIAL_HEAP_TYPES = {"SerialHeap", "GenCollectedHeap"};

    private SaHeapCompat() {
    }

    /** The first of the named C++ types the VM's type database knows. */
    static Type firstType(TypeDataBase db, String... names) {
        for (String name : names) {
            Type type = db.lookupType(name, false);
            if (type != null) {
                return type;
            }
        }
        throw new IllegalStateException("the VM's type database has none of " + String.join(", ", names));
    }

    static Type g1RegionType(TypeDataBase db) {
        return firstType(db, G1_REGION_TYPES);
    }

    static Type g1RegionTagType(TypeDataBase db) {
        return firstType(db, G1_REGION_TAG_TYPES);
    }

    /** A G1 region type constant such as {@code StartsHumongousTag}, under either release's type name. */
    static int g1RegionTag(TypeDataBase db, String constant) {
        for (String type : G1_REGION_TAG_TYPES) {
            Integer value = db.lookupIntConstant(type + "::" + constant, false);
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("the VM's type database has no G1 region constant " + constant);
    }

    static Type serialHeapType(TypeDataBase db) {
        return firstType(db, SERIAL_HEAP_TYPES);
    }

    /** {@code -XX:+UseCompactObjectHeaders} (JDK 24+); the flag does not exist before. */
    static boolean compactObjectHeaders(VM vm) {
        VM.Flag flag = vm.getCommandLineFlag("UseCompactObjectHeaders");
        return flag != null && flag.getBool();
    }

    /** {@code markWord::klass_shift}: where a compact header keeps the narrow klass. */
    static int markKlassShift(TypeDataBase db) {
        Long shift = db.lookupLongConstant("markWord::klass_shift", false);
        if (shift == null) {
            throw new IllegalStateException("compact object headers but no markWord::klass_shift in the VM");
        }
        return shift.intValue();
    }
}
