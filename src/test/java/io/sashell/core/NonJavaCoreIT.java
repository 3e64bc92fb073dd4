package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sashell.testkit.ScenarioCore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A core of a process that is no JVM: opens fine, and the locator says what it is. */
class NonJavaCoreIT {
    @Test
    void coreOfSleepIsNotAJavaCore() throws Exception {
        Path work = Files.createTempDirectory("sa-shell-core-it-");
        try {
            Path core = RealCores.sleepCore(work);
            try (ElfCore elf = ElfCore.open(core)) {
                assertEquals("sleep", elf.processInfo().orElseThrow().fname());
                assertEquals(core + " is not a core of a Java VM: no libjvm.so among its mapped files (program: sleep)",
                        assertThrows(CoreFileException.class,
                                () -> new JdkLocator(JdkLocator.Options.defaults()).locate(elf)).getMessage());
            }
        } finally {
            ScenarioCore.deleteTree(work);
        }
    }
}
