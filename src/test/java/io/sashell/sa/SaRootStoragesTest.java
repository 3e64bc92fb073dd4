package io.sashell.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SaRootStoragesTest {
    /** OopStorageSet::_storages of JDK 17.0.15 and 25.0.3, in order (the same list on both). */
    private static final List<String> NAMES = List.of("VM Global", "Thread OopStorage", "ThreadService OopStorage",
            "JVMTI OopStorage", "JNI Global", "VM Weak", "ObjectSynchronizer Weak", "JVMTI Tag Weak OopStorage",
            "StringTable Weak", "ResolvedMethodTable Weak", "JNI Weak", "StringDedup Table Weak",
            "StringDedup Requests0 Weak", "StringDedup Requests1 Weak", "Weak JFR Old Object Samples");

    @Test
    void theFirstFiveStoragesAreStrongTheRestWeak() {
        assertEquals(NAMES.subList(0, 5), NAMES.stream().filter(SaRootStorages::isStrong).collect(Collectors.toList()));
    }
}
